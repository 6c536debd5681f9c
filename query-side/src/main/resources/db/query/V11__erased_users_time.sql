-- When each model learnt of an erasure. The sessions model's rows tell the token check that every access token of
-- an erased person is refused from then on, as an ended session's are: the person's sessions rows are deleted with
-- them, so the check could not learn of their end from those.
ALTER TABLE erased_users ADD COLUMN erased_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp();
CREATE INDEX erased_users_erased_at ON erased_users (erased_at);
