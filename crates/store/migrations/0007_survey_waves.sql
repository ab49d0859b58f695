-- Waymark library, schema 6 (issue 17): survey answers by wave, kept in the
-- library rather than in the map's shared document. A wave is one import,
-- named by its label within the map; its answers go with it (re-importing a
-- label replaces them, renaming carries them, deleting drops them).
CREATE TABLE survey_waves (
    map_id      TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    date        TEXT,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (map_id, label)
);
CREATE TABLE survey_answers (
    map_id     TEXT NOT NULL,
    wave       TEXT NOT NULL,
    touchpoint TEXT NOT NULL,
    respondent TEXT NOT NULL,
    date       TEXT NOT NULL,
    scale      TEXT NOT NULL,
    value      REAL NOT NULL,
    comment    TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (map_id, wave) REFERENCES survey_waves (map_id, label)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX survey_answers_by_wave ON survey_answers (map_id, wave, touchpoint);
