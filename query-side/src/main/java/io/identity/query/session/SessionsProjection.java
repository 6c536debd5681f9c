package io.identity.query.session;

import io.identity.events.session.SessionEnded;
import io.identity.events.session.SessionStarted;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code sessions} read model; where a session came from is in its event's metadata. */
@Component
@ProcessingGroup("sessions")
class SessionsProjection {

    private final JdbcTemplate jdbc;

    SessionsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionStarted event, @MetaDataValue("ip") String ip, @MetaDataValue("userAgent") String userAgent) {
        jdbc.update("INSERT INTO sessions (session_id, user_id, method, ip, user_agent, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING",
                event.sessionId(), event.userId(), event.method(), ip, userAgent,
                Timestamp.from(event.startedAt()), Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(SessionEnded event) {
        jdbc.update("UPDATE sessions SET ended_at = ?, ended_recorded_at = clock_timestamp() "
                + "WHERE session_id = ? AND ended_at IS NULL", Timestamp.from(event.endedAt()), event.sessionId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE sessions");
    }
}
