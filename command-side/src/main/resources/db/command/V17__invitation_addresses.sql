-- Which invitations went to an address, by the SHA-256 of the address as normalised, so that the erasure of the
-- account that verified that address shreds them too; cleared once an invitation's key is shredded. Invitations
-- made before this was recorded have none, and go with their retention.
ALTER TABLE invitation_index ADD COLUMN address_hash VARCHAR(64);
CREATE INDEX invitation_index_address ON invitation_index (address_hash) WHERE address_hash IS NOT NULL;
