-- Who accepted each invitation: when that person is erased, the address the invitation was sent to (theirs) goes
-- with them.
ALTER TABLE invitations ADD COLUMN accepted_by UUID;
CREATE INDEX invitations_accepted_by ON invitations (accepted_by) WHERE accepted_by IS NOT NULL;
