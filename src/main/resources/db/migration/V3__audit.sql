-- Who created each project and who granted which role to whom, and when: readable by the project's
-- MANAGERs. Entries are only ever added.
CREATE TABLE audit_entry (
    project_id     text        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    action         text        NOT NULL CHECK (action IN ('PROJECT_CREATED', 'ROLE_GRANTED')),
    subject        text,
    role           text,
    previous_role  text,
    PRIMARY KEY (project_id, id)
);
