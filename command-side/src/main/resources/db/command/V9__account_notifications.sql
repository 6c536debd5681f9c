-- Whether the user wants mail about activity in their companies (settings), for the notices we send them.
ALTER TABLE accounts ADD COLUMN notify_company BOOLEAN NOT NULL DEFAULT TRUE;
