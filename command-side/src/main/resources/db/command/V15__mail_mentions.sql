-- Whom or what else a mail names besides its subject (an inviter, an invitee, an invitation whose address it
-- shows): the mail is deleted with the erasure of any of them.
ALTER TABLE mail_outbox ADD COLUMN mentions UUID[] NOT NULL DEFAULT '{}';
CREATE INDEX mail_outbox_mentions ON mail_outbox USING gin (mentions);
