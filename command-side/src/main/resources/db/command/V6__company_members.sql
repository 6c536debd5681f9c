-- Who is a member of which company with which role, as far as rules that span companies and users need it
-- (a user closing their account must not leave a company without an active OWNER). Written in the transaction
-- of the events it follows; the Company aggregate itself never reads it.
CREATE TABLE company_members (
    company_id UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    role       VARCHAR(16) NOT NULL,
    PRIMARY KEY (company_id, user_id)
);
CREATE INDEX company_members_user ON company_members (user_id);
