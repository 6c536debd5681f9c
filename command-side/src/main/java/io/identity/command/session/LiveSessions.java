package io.identity.command.session;

import io.identity.events.session.SessionEnded;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's table of sessions, kept in the transaction that appends their events: refresh checks it,
 * and every instance polls its ended rows to refuse their access tokens.
 */
@Component
@ProcessingGroup(LiveSessions.GROUP)
public class LiveSessions {

    static final String GROUP = "session-registry";

    /** For {@link io.identity.support.auth.EndedSessions}. */
    public static final String ENDED_SINCE =
            "SELECT session_id, ended_recorded_at FROM session_registry WHERE ended_recorded_at > ?";

    private final JdbcTemplate jdbc;

    LiveSessions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True while the session exists, has not ended and has not expired. */
    public boolean isLive(UUID sessionId) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM session_registry WHERE session_id = ? AND ended_at IS NULL "
                                + "AND expires_at > now()",
                        sessionId)
                .isEmpty();
    }

    /** When a live session of the user started, or empty for an ended, expired or unknown one. */
    public Optional<Instant> startOfLive(UUID sessionId, UUID userId) {
        return jdbc
                .queryForList(
                        "SELECT started_at FROM session_registry WHERE session_id = ? AND user_id = ? "
                                + "AND ended_at IS NULL AND expires_at > now()",
                        Timestamp.class,
                        sessionId,
                        userId)
                .stream()
                .findFirst()
                .map(Timestamp::toInstant);
    }

    /**
     * How the person signed in to the session (RFC 8176 {@code amr}), as the session recorded it (for a session of
     * an earlier version, what its method alone proves); empty when the session has ended, expired or is unknown.
     */
    public Optional<List<String>> amrOfLive(UUID sessionId) {
        return jdbc
                .query(
                        "SELECT method, amr FROM session_registry WHERE session_id = ? AND ended_at IS NULL "
                                + "AND expires_at > now()",
                        (rs, i) -> amr(rs.getString(1), rs.getString(2)),
                        sessionId)
                .stream()
                .findFirst();
    }

    /** As {@link #amrOfLive}, for a session live or not; nothing for an unknown one. */
    public List<String> amrOf(UUID sessionId) {
        return jdbc
                .query(
                        "SELECT method, amr FROM session_registry WHERE session_id = ?",
                        (rs, i) -> amr(rs.getString(1), rs.getString(2)),
                        sessionId)
                .stream()
                .findFirst()
                .orElse(List.of());
    }

    private static List<String> amr(String method, String amr) {
        if (amr != null) {
            return List.of(amr.split(" "));
        }
        return StartSession.amrOf(method == null ? SignInMethod.PASSWORD : SignInMethod.valueOf(method));
    }

    /** The user's sessions that have neither ended nor expired. */
    public List<UUID> liveSessionsOf(UUID userId) {
        return jdbc.queryForList(
                "SELECT session_id FROM session_registry WHERE user_id = ? AND ended_at IS NULL "
                        + "AND expires_at > now() ORDER BY started_at",
                UUID.class,
                userId);
    }

    @EventHandler
    void on(SessionStarted event) {
        jdbc.update(
                "INSERT INTO session_registry (session_id, user_id, started_at, expires_at, method, amr) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO NOTHING",
                event.sessionId(),
                event.userId(),
                Timestamp.from(event.startedAt()),
                Timestamp.from(event.expiresAt()),
                event.method() == null ? null : event.method().name(),
                event.amr() == null ? null : String.join(" ", event.amr()));
    }

    @EventHandler
    void on(SessionEnded event) {
        jdbc.update(
                "UPDATE session_registry SET ended_at = ?, ended_recorded_at = clock_timestamp() "
                        + "WHERE session_id = ? AND ended_at IS NULL",
                Timestamp.from(event.endedAt()),
                event.sessionId());
    }
}
