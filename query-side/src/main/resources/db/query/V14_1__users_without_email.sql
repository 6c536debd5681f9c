-- (v1.1) An account made through a provider whose address does not count as verified has no address.
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
