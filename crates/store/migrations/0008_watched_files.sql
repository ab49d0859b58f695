-- Waymark library, schema 8 (issue 17): the survey files `waymark watch`
-- imported into a map, by a hash of their bytes, so a restarted watch never
-- imports the same file twice. A row is written only after its wave is in.
CREATE TABLE watched_files (
    map_id       TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    wave         TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (map_id, content_hash)
);
