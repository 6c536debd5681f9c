-- Who accepted each invitation: erasing that person shreds the invitation's personal data too (the address it was
-- sent to is theirs).
ALTER TABLE invitation_index ADD COLUMN accepted_by UUID;
CREATE INDEX invitation_index_accepted_by ON invitation_index (accepted_by) WHERE accepted_by IS NOT NULL;
