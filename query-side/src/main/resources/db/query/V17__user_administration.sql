-- Operators' search of the users (§14): newest accounts first, by a prefix of the name or the address. A locked
-- account's status is LOCKED (UserLocked, back to ACTIVE with UserUnlocked); when it last signed in is read from
-- the sessions read model.
CREATE INDEX users_by_creation ON users (created_at DESC, user_id DESC);
CREATE INDEX users_email_prefix ON users (lower(email) text_pattern_ops);
