-- Year buckets: the views over a year read one tally row of the UTC year (plus the slots at its edges)
-- instead of twelve month rows, each holding nearly the same (editor, author) pairs. Ingestion keeps
-- them from now on (io.annometrics.aggregate.TallyLevel.YEAR); this migration sums the month rows
-- stored so far into year rows, in the format V4 describes.
ALTER TABLE tally DROP CONSTRAINT tally_level_check;
ALTER TABLE tally ADD CONSTRAINT tally_level_check CHECK (level IN ('slot', 'day', 'month', 'year'));

-- The i-th big-endian 32-bit integer of a byte string, from 0.
CREATE FUNCTION pg_temp.v6_int(bytes bytea, i int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT (get_byte(bytes, 4 * i) << 24) | (get_byte(bytes, 4 * i + 1) << 16)
         | (get_byte(bytes, 4 * i + 2) << 8) | get_byte(bytes, 4 * i + 3)
$$;

CREATE TEMPORARY TABLE v6_activity ON COMMIT DROP AS
    SELECT t.project_id, date_trunc('year', t.bucket, 'UTC') AS bucket,
           t.people[pg_temp.v6_int(t.activity, 3 * n) + 1] AS person,
           sum(pg_temp.v6_int(t.activity, 3 * n + 1)) AS events,
           sum(pg_temp.v6_int(t.activity, 3 * n + 2)) AS created
    FROM tally t, generate_series(0, length(t.activity) / 12 - 1) AS n
    WHERE t.level = 'month'
    GROUP BY 1, 2, 3
    HAVING sum(pg_temp.v6_int(t.activity, 3 * n + 1)) <> 0 OR sum(pg_temp.v6_int(t.activity, 3 * n + 2)) <> 0;

CREATE TEMPORARY TABLE v6_correction ON COMMIT DROP AS
    SELECT t.project_id, date_trunc('year', t.bucket, 'UTC') AS bucket,
           t.people[pg_temp.v6_int(t.corrections, 3 * n) + 1] AS editor,
           t.people[pg_temp.v6_int(t.corrections, 3 * n + 1) + 1] AS author,
           sum(pg_temp.v6_int(t.corrections, 3 * n + 2)) AS corrections
    FROM tally t, generate_series(0, length(t.corrections) / 12 - 1) AS n
    WHERE t.level = 'month'
    GROUP BY 1, 2, 3, 4
    HAVING sum(pg_temp.v6_int(t.corrections, 3 * n + 2)) <> 0;

CREATE TEMPORARY TABLE v6_person ON COMMIT DROP AS
    SELECT project_id, bucket, person,
           (row_number() OVER (PARTITION BY project_id, bucket ORDER BY person) - 1)::int AS position
    FROM (
        SELECT project_id, bucket, person FROM v6_activity
        UNION SELECT project_id, bucket, editor FROM v6_correction
        UNION SELECT project_id, bucket, author FROM v6_correction
    ) mentioned;

INSERT INTO tally (project_id, level, bucket, people, activity, corrections)
SELECT b.project_id, 'year', b.bucket, b.people, coalesce(a.bytes, ''::bytea), coalesce(c.bytes, ''::bytea)
FROM (
    SELECT project_id, bucket, array_agg(person ORDER BY position) AS people
    FROM v6_person GROUP BY project_id, bucket
) b
LEFT JOIN (
    SELECT t.project_id, t.bucket,
           string_agg(int4send(p.position) || int4send(t.events::int) || int4send(t.created::int), ''::bytea ORDER BY p.position) AS bytes
    FROM v6_activity t
    JOIN v6_person p ON p.project_id = t.project_id AND p.bucket = t.bucket AND p.person = t.person
    GROUP BY t.project_id, t.bucket
) a ON a.project_id = b.project_id AND a.bucket = b.bucket
LEFT JOIN (
    SELECT t.project_id, t.bucket,
           string_agg(int4send(e.position) || int4send(w.position) || int4send(t.corrections::int), ''::bytea
                      ORDER BY e.position, w.position) AS bytes
    FROM v6_correction t
    JOIN v6_person e ON e.project_id = t.project_id AND e.bucket = t.bucket AND e.person = t.editor
    JOIN v6_person w ON w.project_id = t.project_id AND w.bucket = t.bucket AND w.person = t.author
    GROUP BY t.project_id, t.bucket
) c ON c.project_id = b.project_id AND c.bucket = b.bucket;
