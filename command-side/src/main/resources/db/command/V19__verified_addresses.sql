-- Every address a person proved theirs, by the SHA-256 of the address as normalised: their erasure shreds the
-- invitations sent to any of them, not only to the address they have now. Accounts verified before this was
-- recorded start with their current address.
CREATE TABLE verified_addresses (
    user_id      UUID        NOT NULL,
    address_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, address_hash)
);
INSERT INTO verified_addresses (user_id, address_hash)
SELECT user_id, encode(sha256(convert_to(email_key, 'UTF8')), 'hex') FROM accounts
WHERE email_verified AND email_key IS NOT NULL;
