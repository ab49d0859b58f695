-- Waymark library, schema 9 (issue 17): an answer lives in one wave. Its
-- identity (map, touchpoint, metric, date, respondent; both CES scales are
-- the metric "ces") is unique across the map's waves, so the statistics the
-- map's document carries per touchpoint and wave add up to the map's
-- answers. Where an earlier import left one answer in two waves, the one
-- imported last stays.
DELETE FROM survey_answers WHERE rowid NOT IN (
    SELECT max(rowid) FROM survey_answers
    GROUP BY map_id, touchpoint, respondent, date,
             CASE scale WHEN 'ces5' THEN 'ces' WHEN 'ces7' THEN 'ces' ELSE scale END
);
CREATE UNIQUE INDEX survey_answers_identity ON survey_answers (
    map_id, touchpoint, respondent, date,
    (CASE scale WHEN 'ces5' THEN 'ces' WHEN 'ces7' THEN 'ces' ELSE scale END)
);
