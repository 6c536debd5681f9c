-- Whose data key was deleted by an erasure: nothing may make them a new key (a dead letter of theirs stored again,
-- an event of theirs appended late), so what is sealed for them from then on is as unreadable as what was before.
-- Holds ids only.
CREATE TABLE erased_subjects (
    subject_id UUID PRIMARY KEY,
    erased_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
