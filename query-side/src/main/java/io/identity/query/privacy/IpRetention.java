package io.identity.query.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where a request came from (its IP address and user agent) is kept in the read models for
 * {@code identity.privacy.ip-retention} (90 days) after it was recorded, then dropped: by the projections for an
 * older event (a replay writes none), and from the rows written earlier by a job on every instance (idempotent).
 */
@Component
public class IpRetention {

    private static final Logger log = LoggerFactory.getLogger(IpRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    @Autowired
    IpRetention(JdbcTemplate jdbc, PrivacySettings settings) {
        this(jdbc, Clock.systemUTC(), settings.ipRetention());
    }

    IpRetention(JdbcTemplate jdbc, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /** The address or user agent as a read model may keep it, given when it was recorded. */
    public String kept(String value, Instant recordedAt) {
        return value == null || recordedAt.isBefore(clock.instant().minus(retention)) ? null : value;
    }

    @Scheduled(fixedDelayString = "${identity.privacy.retention-check-interval:1h}", initialDelayString = "PT1M")
    void purge() {
        var before = Timestamp.from(clock.instant().minus(retention));
        var entries = jdbc.update(
                "UPDATE audit_events SET ip = NULL, user_agent = NULL WHERE occurred_at < ? "
                        + "AND (ip IS NOT NULL OR user_agent IS NOT NULL)",
                before);
        var sessions = jdbc.update(
                "UPDATE sessions SET ip = NULL, user_agent = NULL WHERE created_at < ? "
                        + "AND (ip IS NOT NULL OR user_agent IS NOT NULL)",
                before);
        if (entries + sessions > 0) {
            log.info(
                    "Dropped the addresses of {} audit entries and {} sessions recorded before {}",
                    entries,
                    sessions,
                    before.toInstant());
        }
    }
}
