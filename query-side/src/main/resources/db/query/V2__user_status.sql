-- Whether the account is open: a deactivated user's memberships stay, marked, and their profile is hidden.
ALTER TABLE users ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
