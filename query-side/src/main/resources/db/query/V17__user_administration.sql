-- Operators' search of the users (§14): when each last signed in (SessionStarted), and the order of the list,
-- newest accounts first. A locked account's status is LOCKED (UserLocked, back to ACTIVE with UserUnlocked).
ALTER TABLE users ADD COLUMN last_sign_in_at TIMESTAMPTZ;
CREATE INDEX users_by_creation ON users (created_at DESC, user_id DESC);
CREATE INDEX users_email_prefix ON users (lower(email) text_pattern_ops);
