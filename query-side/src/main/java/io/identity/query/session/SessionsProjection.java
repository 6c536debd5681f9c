package io.identity.query.session;

import io.identity.events.session.SessionEnded;
import io.identity.events.session.SessionStarted;
import io.identity.events.user.UserErased;
import io.identity.query.privacy.IpRetention;
import io.identity.query.processing.ProjectionJdbc;
import io.identity.query.rebuild.ReadModel;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/** The {@code sessions} read model; where a session came from is in its event's metadata. */
@ReadModel(tables = "sessions", sharedByGroup = "erased_users", scratch = "session_activity")
@Component
@ProcessingGroup("sessions")
class SessionsProjection {

    private final ProjectionJdbc jdbc;
    private final IpRetention ipRetention;

    SessionsProjection(ProjectionJdbc jdbc, IpRetention ipRetention) {
        this.jdbc = jdbc;
        this.ipRetention = ipRetention;
    }

    @EventHandler
    void on(
            SessionStarted event,
            EventMessage<?> message,
            @MetaDataValue("ip") String ip,
            @MetaDataValue("userAgent") String userAgent) {
        var recordedAt = message.getTimestamp();
        jdbc.later(
                "INSERT INTO sessions (session_id, user_id, method, ip, user_agent, created_at, expires_at) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM erased_users "
                        + "WHERE processing_group = 'sessions' AND user_id = ?) ON CONFLICT (session_id) DO NOTHING",
                event.sessionId(),
                event.userId(),
                event.method().name(),
                ipRetention.kept(ip, recordedAt),
                ipRetention.kept(userAgent, recordedAt),
                Timestamp.from(event.startedAt()),
                Timestamp.from(event.expiresAt()),
                event.userId());
    }

    @EventHandler
    void on(SessionEnded event) {
        jdbc.later(
                "UPDATE sessions SET ended_at = ?, ended_recorded_at = clock_timestamp() "
                        + "WHERE session_id = ? AND ended_at IS NULL",
                Timestamp.from(event.endedAt()),
                event.sessionId());
    }

    /** Where an erased person signed in from is theirs: it goes with them. */
    @EventHandler
    void on(UserErased event) {
        jdbc.later(
                "INSERT INTO erased_users (processing_group, user_id) VALUES ('sessions', ?) ON CONFLICT DO NOTHING",
                event.userId());
        jdbc.later(
                "DELETE FROM session_activity WHERE session_id IN (SELECT session_id FROM sessions WHERE user_id = ?)",
                event.userId());
        jdbc.later("DELETE FROM sessions WHERE user_id = ?", event.userId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE sessions");
        jdbc.update("DELETE FROM erased_users WHERE processing_group = 'sessions'");
    }
}
