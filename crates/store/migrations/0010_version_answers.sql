-- Waymark library, schema 10 (issue 17): a named version keeps the survey
-- answers the map had when it was named, so restoring or exporting it gives
-- answers that agree with the statistics its document carries. A wave's
-- answers are copied once per content: versions named while a wave did not
-- change share one copy (`kept_waves`), so naming a version costs a copy of
-- what changed since the last one. `survey_waves.kept_as` names the copy
-- that holds exactly the wave's answers; every write of a wave's answers
-- clears it. Versions named before keep none (`keeps_answers` 0):
-- restoring one keeps today's answers.
ALTER TABLE versions ADD COLUMN keeps_answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE survey_waves ADD COLUMN kept_as INTEGER;
CREATE TABLE kept_waves (
    id          INTEGER PRIMARY KEY,
    map_id      TEXT NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    date        TEXT,
    imported_at TEXT NOT NULL,
    answers     INTEGER NOT NULL
);
CREATE INDEX kept_waves_by_label ON kept_waves (map_id, label);
CREATE TABLE kept_answers (
    kept_wave  INTEGER NOT NULL REFERENCES kept_waves(id) ON DELETE CASCADE,
    touchpoint TEXT NOT NULL,
    respondent TEXT NOT NULL,
    date       TEXT NOT NULL,
    scale      TEXT NOT NULL,
    value      REAL NOT NULL,
    comment    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kept_answers_by_wave ON kept_answers (kept_wave);
CREATE TABLE version_waves (
    version_id TEXT NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    kept_wave  INTEGER NOT NULL REFERENCES kept_waves(id) ON DELETE CASCADE,
    PRIMARY KEY (version_id, kept_wave)
);
