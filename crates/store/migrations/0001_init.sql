-- Waymark library, schema 1.
-- The truth for each map is its Yjs document: a compacted snapshot plus the
-- updates appended since. Every other table is derived from the documents in
-- the same transaction as each update, so the file answers SQL questions.

CREATE TABLE maps (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    persona          TEXT,
    stage_count      INTEGER NOT NULL DEFAULT 0,
    touchpoint_count INTEGER NOT NULL DEFAULT 0,
    annotation_count INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- Append-only log of Yjs updates (v1 encoding), compacted into map_snapshots.
CREATE TABLE map_updates (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    map_id     TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    data       BLOB NOT NULL,
    origin     TEXT NOT NULL DEFAULT 'local',
    created_at TEXT NOT NULL
);
CREATE INDEX map_updates_by_map ON map_updates(map_id, seq);

-- The full document state, including every update with seq <= up_to_seq.
CREATE TABLE map_snapshots (
    map_id     TEXT PRIMARY KEY REFERENCES maps(id) ON DELETE CASCADE,
    data       BLOB NOT NULL,
    up_to_seq  INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- Named versions: labelled full document states.
CREATE TABLE versions (
    id         TEXT PRIMARY KEY,
    map_id     TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (map_id, label)
);

-- Derived tables (rewritten from the document; never edit them by hand).
CREATE TABLE personas (
    map_id   TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL,
    goals    TEXT NOT NULL,   -- JSON array of strings
    frustrations TEXT NOT NULL, -- JSON array of strings
    quote    TEXT NOT NULL,
    PRIMARY KEY (map_id, id)
);

CREATE TABLE stages (
    map_id        TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    customer_goal TEXT NOT NULL,
    PRIMARY KEY (map_id, id)
);

CREATE TABLE lanes (
    map_id   TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    PRIMARY KEY (map_id, id)
);

CREATE TABLE touchpoints (
    map_id           TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id               TEXT NOT NULL,
    stage_id         TEXT NOT NULL,
    lane_id          TEXT NOT NULL,
    position         INTEGER NOT NULL,  -- index inside its (stage, lane) cell
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    channel          TEXT NOT NULL,
    owner            TEXT NOT NULL,
    nature           TEXT NOT NULL,     -- service | experience
    moment_of_truth  INTEGER NOT NULL,  -- 0 | 1
    evidence         TEXT NOT NULL,     -- observed | assumed | proposed
    tags             TEXT NOT NULL,     -- JSON array of strings
    emotion          INTEGER,           -- -2..2
    friction         INTEGER,           -- 0..4
    steps            INTEGER,
    expected_steps   INTEGER,
    transfers        INTEGER,
    channel_switches INTEGER,
    wait_minutes          REAL,
    wait_desired_minutes  REAL,
    wait_adequate_minutes REAL,
    fcr_rate         REAL,
    error_rate       REAL,
    aht_minutes      REAL,
    reach            INTEGER,
    PRIMARY KEY (map_id, id)
);
CREATE INDEX touchpoints_by_stage ON touchpoints(map_id, stage_id);

CREATE TABLE connections (
    map_id  TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id      TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    label   TEXT NOT NULL,
    PRIMARY KEY (map_id, id)
);

CREATE TABLE annotations (
    map_id      TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    kind        TEXT NOT NULL,   -- pain_point | idea | question | evidence
    text        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    resolved    INTEGER NOT NULL,
    target_kind TEXT NOT NULL,   -- map | stage | touchpoint
    target_id   TEXT,
    votes       INTEGER NOT NULL, -- total dot votes
    voters      TEXT NOT NULL,    -- JSON object participant -> votes
    PRIMARY KEY (map_id, id)
);

CREATE TABLE responses (
    map_id        TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    touchpoint_id TEXT NOT NULL,
    respondent    TEXT NOT NULL,
    date          TEXT NOT NULL,
    metric        TEXT NOT NULL,
    scale         TEXT NOT NULL,
    value         REAL NOT NULL,
    comment       TEXT NOT NULL,
    PRIMARY KEY (map_id, key)
);
