package io.identity.query.session;

import io.identity.support.auth.Caller;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notes when each session was last used on this side, at most once a {@code resolution} per session and
 * instance, so that the sessions list can say {@code lastUsedAt} without a write on every request.
 */
class SessionActivity {

    private static final Logger log = LoggerFactory.getLogger(SessionActivity.class);
    private static final int MAX_TRACKED = 100_000;

    private final JdbcTemplate jdbc;
    private final long resolutionNanos;
    private final Map<UUID, Long> lastWritten = new ConcurrentHashMap<>();

    SessionActivity(JdbcTemplate jdbc, Duration resolution) {
        this.jdbc = jdbc;
        this.resolutionNanos = resolution.toNanos();
    }

    void used(Caller caller) {
        var now = System.nanoTime();
        var previous = lastWritten.get(caller.sessionId());
        if (previous != null && now - previous < resolutionNanos) {
            return;
        }
        if (lastWritten.size() > MAX_TRACKED) {
            lastWritten.clear();
        }
        lastWritten.put(caller.sessionId(), now);
        try {
            jdbc.update(
                    "INSERT INTO session_activity (session_id, last_used_at) VALUES (?, now()) "
                            + "ON CONFLICT (session_id) DO UPDATE SET last_used_at = EXCLUDED.last_used_at",
                    caller.sessionId());
        } catch (RuntimeException e) {
            log.warn("Could not note the use of a session: {}", e.getMessage());
        }
    }
}
