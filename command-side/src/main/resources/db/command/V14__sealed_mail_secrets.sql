-- What a mail must carry and nothing may keep (a link's raw token) is sealed under identity.tokens.master-key like
-- the other secrets kept in the database, until the mail is sent or given up. Rows queued before keep their
-- clear `secrets` until then.
ALTER TABLE mail_outbox ADD COLUMN sealed_secrets BYTEA;
