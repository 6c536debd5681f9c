package io.identity.support.auth;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sessions ended lately, kept in memory so that every request can refuse their access tokens without a
 * database round trip. Each instance polls its side's table of ended sessions; a session is remembered for as
 * long as an access token of it can still be valid. The query asks for rows recorded after the last seen
 * (database) time minus an overlap, so that a row whose transaction commits late is still seen.
 */
public class EndedSessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndedSessions.class);
    private static final Duration OVERLAP = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final String query;
    private final Duration remember;
    private final Duration interval;
    private final Map<UUID, Instant> ended = new ConcurrentHashMap<>();
    private volatile Instant seenUpTo;
    private ScheduledExecutorService poller;

    /**
     * @param query selects {@code session_id, recorded_at} of the sessions ended with {@code recorded_at > ?}
     *              (a timestamptz in the database's clock); it may also list people, by their user id, whose
     *              every session ended
     */
    public EndedSessions(JdbcTemplate jdbc, String query, Duration remember, Duration interval) {
        this.jdbc = jdbc;
        this.query = query;
        this.remember = remember.plus(OVERLAP);
        this.interval = interval;
    }

    /** Whether a session, or every session of a person (the query may list people too), has ended. */
    public boolean isEnded(UUID id) {
        return ended.containsKey(id);
    }

    /** Reads what was ended since the last poll; called on a timer and at start. */
    public void poll() {
        var now = jdbc.queryForObject("SELECT now()", Timestamp.class).toInstant();
        var since = seenUpTo == null ? now.minus(remember) : seenUpTo.minus(OVERLAP);
        var newest = new Instant[] {seenUpTo == null ? since : seenUpTo};
        jdbc.query(
                query,
                rs -> {
                    var at = rs.getTimestamp(2).toInstant();
                    ended.put(rs.getObject(1, UUID.class), at);
                    if (at.isAfter(newest[0])) {
                        newest[0] = at;
                    }
                },
                Timestamp.from(since));
        seenUpTo = newest[0];
        var forgetBefore = now.minus(remember);
        ended.values().removeIf(at -> at.isBefore(forgetBefore));
    }

    @Override
    public void start() {
        poll();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "ended-sessions");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::safePoll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safePoll() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Could not read ended sessions: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
