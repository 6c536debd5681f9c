-- One AES key per person whose data the events hold, sealed with the master key. Deleting a person's row is
-- their erasure: every copy of every event keeps only ciphertext nobody can read any more.
CREATE TABLE personal_data_keys (
    subject_id UUID PRIMARY KEY,
    data_key   BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
