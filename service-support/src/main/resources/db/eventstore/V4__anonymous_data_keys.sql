-- Metadata of events about nobody known (an unknown login name, a registration that failed, a declined
-- invitation) is sealed under a key of its day, deleted after identity.privacy.anonymous-retention: then where such
-- a request came from can no longer be read. Persons' keys have no day.
ALTER TABLE personal_data_keys ADD COLUMN anonymous_day DATE;
CREATE INDEX personal_data_keys_anonymous_day ON personal_data_keys (anonymous_day) WHERE anonymous_day IS NOT NULL;
