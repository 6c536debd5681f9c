-- Whose pending reset link a token hash is: at most one per user (a newer request voids the older), removed when
-- used. Written in the transaction of the events it follows.
CREATE TABLE password_reset_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID        NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL
);

-- Each enrolled user's security questions with the bcrypt hashes of their normalised answers, in order.
CREATE TABLE security_questions (
    user_id   UUID PRIMARY KEY,
    questions TEXT NOT NULL
);
