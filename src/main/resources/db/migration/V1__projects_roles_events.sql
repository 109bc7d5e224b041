-- Projects, project roles and the event log.
-- Every key starts with project_id so that the tables can later be distributed by project.

CREATE TABLE project (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    time_zone   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL
);

CREATE TABLE project_member (
    project_id  text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    user_name   text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('VIEWER', 'PRODUCER', 'MANAGER')),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    granted_by  text        NOT NULL,
    PRIMARY KEY (project_id, user_name)
);

CREATE INDEX project_member_user_idx ON project_member (user_name);

CREATE TYPE event_type AS ENUM (
    'ANNOTATION_CREATED',
    'ANNOTATION_UPDATED',
    'ANNOTATION_DELETED',
    'ANNOTATION_ACCEPTED',
    'ANNOTATION_REJECTED'
);

-- The event log. (project_id, event_id) is the producer's idempotency key: a second copy of an event
-- can never be stored.
CREATE TABLE event (
    project_id     text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    event_id       text        NOT NULL,
    type           event_type  NOT NULL,
    actor          text        NOT NULL,
    annotation_id  text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    author         text,
    asset_id       text,
    label          text,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, event_id)
);

-- Views read a project's events by time window, and corrections by annotation.
CREATE INDEX event_project_time_idx ON event (project_id, occurred_at);
CREATE INDEX event_project_annotation_idx ON event (project_id, annotation_id);

-- Who authored each annotation, kept in step with the log so that views need no search for the
-- creation event. creator: actor of the earliest ANNOTATION_CREATED event; author_hint: the author
-- named by the earliest event that names one. The effective author is coalesce(creator, author_hint).
CREATE TABLE annotation (
    project_id        text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    annotation_id     text        NOT NULL,
    creator           text,
    created_at        timestamptz,
    created_event_id  text,
    author_hint       text,
    hint_at           timestamptz,
    hint_event_id     text,
    PRIMARY KEY (project_id, annotation_id)
);
