-- Aggregates kept in step with the event log, in the same transaction as each batch, so that no view
-- ever scans the raw events. Three bucket sizes in UTC: 15-minute slots, days and months. Every IANA
-- zone offset in use is a multiple of 15 minutes, so any window of local days is an exact union of
-- slots, days and months (the service reads the raw log for a window whose bounds are not).

-- Events and creations per actor.
CREATE TABLE activity_slot (
    project_id  text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    slot        timestamptz NOT NULL,
    actor       text        NOT NULL,
    events      bigint      NOT NULL,
    created     bigint      NOT NULL,
    PRIMARY KEY (project_id, slot, actor)
);
CREATE TABLE activity_day (
    project_id  text   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    day         date   NOT NULL,
    actor       text   NOT NULL,
    events      bigint NOT NULL,
    created     bigint NOT NULL,
    PRIMARY KEY (project_id, day, actor)
);
CREATE TABLE activity_month (
    project_id  text   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    month       date   NOT NULL,
    actor       text   NOT NULL,
    events      bigint NOT NULL,
    created     bigint NOT NULL,
    PRIMARY KEY (project_id, month, actor)
);

-- Corrections per editor and author (the author as currently known: late attribution moves counts).
CREATE TABLE correction_slot (
    project_id  text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    slot        timestamptz NOT NULL,
    editor      text        NOT NULL,
    author      text        NOT NULL,
    corrections bigint      NOT NULL,
    PRIMARY KEY (project_id, slot, editor, author)
);
CREATE TABLE correction_day (
    project_id  text   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    day         date   NOT NULL,
    editor      text   NOT NULL,
    author      text   NOT NULL,
    corrections bigint NOT NULL,
    PRIMARY KEY (project_id, day, editor, author)
);
CREATE TABLE correction_month (
    project_id  text   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    month       date   NOT NULL,
    editor      text   NOT NULL,
    author      text   NOT NULL,
    corrections bigint NOT NULL,
    PRIMARY KEY (project_id, month, editor, author)
);

-- Events of every actor per UTC day, as 96 counts of 15-minute slots: the calendar needs every local
-- day, and one row a day keeps a year's calendar to 366 rows in any zone.
CREATE TABLE activity_profile (
    project_id  text     NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    day         date     NOT NULL,
    slots       bigint[] NOT NULL CHECK (cardinality(slots) = 96),
    PRIMARY KEY (project_id, day)
);

-- The label filter reads the log; this index keeps that a range scan.
CREATE INDEX event_project_label_time_idx ON event (project_id, label, occurred_at) WHERE label IS NOT NULL;

-- Fill the aggregates from events stored before this migration.
INSERT INTO activity_slot (project_id, slot, actor, events, created)
SELECT project_id, date_bin('15 minutes', occurred_at, timestamptz '2000-01-01 00:00:00+00'), actor,
       count(*), count(*) FILTER (WHERE type = 'ANNOTATION_CREATED')
FROM event GROUP BY 1, 2, 3;
INSERT INTO activity_day (project_id, day, actor, events, created)
SELECT project_id, (slot AT TIME ZONE 'UTC')::date, actor, sum(events), sum(created) FROM activity_slot GROUP BY 1, 2, 3;
INSERT INTO activity_month (project_id, month, actor, events, created)
SELECT project_id, date_trunc('month', day)::date, actor, sum(events), sum(created) FROM activity_day GROUP BY 1, 2, 3;

INSERT INTO correction_slot (project_id, slot, editor, author, corrections)
SELECT e.project_id, date_bin('15 minutes', e.occurred_at, timestamptz '2000-01-01 00:00:00+00'), e.actor,
       coalesce(a.creator, a.author_hint), count(*)
FROM event e JOIN annotation a ON a.project_id = e.project_id AND a.annotation_id = e.annotation_id
WHERE e.type IN ('ANNOTATION_UPDATED', 'ANNOTATION_DELETED')
  AND coalesce(a.creator, a.author_hint) IS NOT NULL AND e.actor <> coalesce(a.creator, a.author_hint)
GROUP BY 1, 2, 3, 4;
INSERT INTO correction_day (project_id, day, editor, author, corrections)
SELECT project_id, (slot AT TIME ZONE 'UTC')::date, editor, author, sum(corrections) FROM correction_slot GROUP BY 1, 2, 3, 4;
INSERT INTO correction_month (project_id, month, editor, author, corrections)
SELECT project_id, date_trunc('month', day)::date, editor, author, sum(corrections) FROM correction_day GROUP BY 1, 2, 3, 4;

INSERT INTO activity_profile (project_id, day, slots)
SELECT project_id, day, array_agg(coalesce(n, 0) ORDER BY i)
FROM (
    SELECT d.project_id, d.day, i, s.n
    FROM (SELECT DISTINCT project_id, (slot AT TIME ZONE 'UTC')::date AS day FROM activity_slot) d
    CROSS JOIN generate_series(0, 95) AS i
    LEFT JOIN (SELECT project_id, slot, sum(events) AS n FROM activity_slot GROUP BY 1, 2) s
           ON s.project_id = d.project_id
          AND s.slot = (d.day::timestamp AT TIME ZONE 'UTC') + i * interval '15 minutes'
) filled
GROUP BY project_id, day;
