-- One row per bucket instead of one row per actor or (editor, author) pair and bucket.
--
-- A year of a busy project took about 144,000 correction rows of the V2 tables (one per pair and bucket),
-- scattered over the heap by repeated upserts, so a year's correction views read about one page per row.
-- A tally row holds a whole bucket: the names it mentions and two byte strings of big-endian 32-bit
-- integers that refer to those names by position (from 0): activity (person, events, created) and
-- corrections (editor, author, count). A year is then a few dozen rows, read by range scans.
-- The service writes and reads the format (io.annometrics.aggregate.BucketTally); this migration only
-- fills it once from the V2 tables, which it then drops.
CREATE TABLE tally (
    project_id   text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    level        text        NOT NULL CHECK (level IN ('slot', 'day', 'month')),
    bucket       timestamptz NOT NULL,
    people       text[]      NOT NULL,
    activity     bytea       NOT NULL,
    corrections  bytea       NOT NULL,
    PRIMARY KEY (project_id, level, bucket)
);
-- The byte strings are already compact and are read whole: keep them out of line, uncompressed.
ALTER TABLE tally ALTER COLUMN activity SET STORAGE EXTERNAL, ALTER COLUMN corrections SET STORAGE EXTERNAL;

CREATE TEMPORARY TABLE v4_activity ON COMMIT DROP AS
    SELECT project_id, 'slot'::text AS level, slot AS bucket, actor AS person, events, created FROM activity_slot
    UNION ALL
    SELECT project_id, 'day', day::timestamp AT TIME ZONE 'UTC', actor, events, created FROM activity_day
    UNION ALL
    SELECT project_id, 'month', month::timestamp AT TIME ZONE 'UTC', actor, events, created FROM activity_month;

CREATE TEMPORARY TABLE v4_correction ON COMMIT DROP AS
    SELECT project_id, 'slot'::text AS level, slot AS bucket, editor, author, corrections FROM correction_slot WHERE corrections <> 0
    UNION ALL
    SELECT project_id, 'day', day::timestamp AT TIME ZONE 'UTC', editor, author, corrections FROM correction_day WHERE corrections <> 0
    UNION ALL
    SELECT project_id, 'month', month::timestamp AT TIME ZONE 'UTC', editor, author, corrections FROM correction_month WHERE corrections <> 0;

CREATE TEMPORARY TABLE v4_person ON COMMIT DROP AS
    SELECT project_id, level, bucket, person,
           (row_number() OVER (PARTITION BY project_id, level, bucket ORDER BY person) - 1)::int AS position
    FROM (
        SELECT project_id, level, bucket, person FROM v4_activity
        UNION SELECT project_id, level, bucket, editor FROM v4_correction
        UNION SELECT project_id, level, bucket, author FROM v4_correction
    ) mentioned;

INSERT INTO tally (project_id, level, bucket, people, activity, corrections)
SELECT b.project_id, b.level, b.bucket, b.people, coalesce(a.bytes, ''::bytea), coalesce(c.bytes, ''::bytea)
FROM (
    SELECT project_id, level, bucket, array_agg(person ORDER BY position) AS people
    FROM v4_person GROUP BY project_id, level, bucket
) b
LEFT JOIN (
    SELECT t.project_id, t.level, t.bucket,
           string_agg(int4send(p.position) || int4send(t.events::int) || int4send(t.created::int), ''::bytea ORDER BY p.position) AS bytes
    FROM v4_activity t
    JOIN v4_person p ON p.project_id = t.project_id AND p.level = t.level AND p.bucket = t.bucket AND p.person = t.person
    GROUP BY t.project_id, t.level, t.bucket
) a ON a.project_id = b.project_id AND a.level = b.level AND a.bucket = b.bucket
LEFT JOIN (
    SELECT t.project_id, t.level, t.bucket,
           string_agg(int4send(e.position) || int4send(w.position) || int4send(t.corrections::int), ''::bytea
                      ORDER BY e.position, w.position) AS bytes
    FROM v4_correction t
    JOIN v4_person e ON e.project_id = t.project_id AND e.level = t.level AND e.bucket = t.bucket AND e.person = t.editor
    JOIN v4_person w ON w.project_id = t.project_id AND w.level = t.level AND w.bucket = t.bucket AND w.person = t.author
    GROUP BY t.project_id, t.level, t.bucket
) c ON c.project_id = b.project_id AND c.level = b.level AND c.bucket = b.bucket;

DROP TABLE activity_slot, activity_day, activity_month, correction_slot, correction_day, correction_month;
