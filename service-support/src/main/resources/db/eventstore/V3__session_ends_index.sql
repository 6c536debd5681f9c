-- The query side's token check reads the ends of sessions (and erasures) from the store itself, so that a session
-- ends for it within a second whatever its read models are doing: a small index of just those events, by time.
CREATE INDEX domain_event_entry_session_ends ON domain_event_entry (time_stamp)
    WHERE payload_type IN ('io.identity.events.session.SessionEnded', 'io.identity.events.user.UserErased');
