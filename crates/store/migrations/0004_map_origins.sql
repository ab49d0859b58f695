-- Waymark library, schema 4: a map made from another (a future-state copy)
-- remembers its source, so the two can be compared. The source is not a
-- foreign key: deleting it leaves the copy, which then reports the source gone.
CREATE TABLE map_origins (
    map_id     TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    source_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX map_origins_source ON map_origins (source_id);
