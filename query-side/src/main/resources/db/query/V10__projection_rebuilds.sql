-- The latest rebuild of each read model (io.identity.query.rebuild): a new set of its tables is built from the
-- first event in a schema of its own while the current one keeps serving, then put in its place at once. Every
-- query-side instance of this schema takes part while the state is RUNNING, so the rebuild survives the instance
-- that started it.
CREATE TABLE projection_rebuilds (
    processing_group VARCHAR(64)  NOT NULL PRIMARY KEY,
    state            VARCHAR(16)  NOT NULL,
    requested_by     UUID,
    started_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    position         BIGINT,
    CHECK (state IN ('RUNNING', 'SWITCHED', 'CANCELLED'))
);
