-- Which company an invitation belongs to, so that commands addressed by invitation id reach its Company.
CREATE TABLE invitation_index (
    invitation_id UUID PRIMARY KEY,
    company_id    UUID NOT NULL
);
