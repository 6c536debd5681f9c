-- Every period of a membership with one role, from the events' own times: who was a member with which role at
-- any instant (members?asOf=) is read from here, never from the current memberships.
CREATE TABLE membership_history (
    company_id UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    role       VARCHAR(16) NOT NULL,
    valid_from TIMESTAMPTZ NOT NULL,
    valid_to   TIMESTAMPTZ,
    PRIMARY KEY (company_id, user_id, valid_from)
);
CREATE INDEX membership_history_at ON membership_history (company_id, valid_from, user_id);

ALTER TABLE companies ADD COLUMN deleted_at TIMESTAMPTZ;
