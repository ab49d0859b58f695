-- Waymark library, schema 6: the file a map was opened from (double-click,
-- `waymark-desktop FILE`), by a hash of its bytes, so opening the same file
-- again shows that map instead of importing a copy.
CREATE TABLE map_files (
    map_id       TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    path         TEXT NOT NULL,
    opened_at    TEXT NOT NULL
);
CREATE INDEX map_files_by_hash ON map_files (content_hash);
