package io.identity.command.credential;

import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Consecutive-failure throttling of one kind of secret check ({@code scope}), per subject, kept in PostgreSQL
 * so every instance sees the same counts. The fifth failure in a row locks the subject for 60 s, each further
 * one doubles the wait up to an hour; while locked every attempt is refused, even with the right secret. A
 * success after the wait clears the count.
 * <p>
 * An attempt is counted before the secret is checked, in one atomic upsert, so that parallel guesses cannot
 * slip past the limit; {@link #succeeded} takes it back.
 */
public class Throttle {

    public static final int FREE_FAILURES = 5;

    private final JdbcTemplate jdbc;
    private final String scope;

    public Throttle(JdbcTemplate jdbc, String scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /**
     * An attempt as counted: refused while locked ({@code lockedUntil} says until when); when allowed,
     * {@code failures} is the count should it fail, and {@code lockedUntil} the lock it would then leave.
     */
    public record Attempt(boolean allowed, int failures, Instant lockedUntil) {

        /** {@code 429 too_many_attempts}, with the whole seconds until the lock lifts as {@code Retry-After}. */
        public IdentityException refusal(Instant now) {
            var wait = lockedUntil == null ? Duration.ZERO : Duration.between(now, lockedUntil);
            return new IdentityException(
                    ErrorCode.TOO_MANY_ATTEMPTS,
                    ErrorCode.TOO_MANY_ATTEMPTS.title(),
                    List.of(),
                    wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait.plusMillis(999));
        }
    }

    public Attempt begin(String subject) {
        var counted = jdbc.query(
                "INSERT INTO throttle (scope, subject, failures, locked_until, updated_at) "
                        + "VALUES (?, ?, 1, NULL, now()) ON CONFLICT (scope, subject) DO UPDATE SET "
                        + "failures = throttle.failures + 1, updated_at = now(), locked_until = CASE "
                        + "WHEN throttle.failures + 1 >= " + FREE_FAILURES + " THEN now() + least(3600, "
                        + "60 * power(2, throttle.failures + 1 - " + FREE_FAILURES + ")) * interval '1 second' END "
                        + "WHERE throttle.locked_until IS NULL OR throttle.locked_until <= now() "
                        + "RETURNING failures, locked_until",
                (rs, i) -> new Attempt(true, rs.getInt(1), instant(rs.getTimestamp(2))),
                scope,
                subject);
        if (!counted.isEmpty()) {
            return counted.get(0);
        }
        return jdbc
                .query(
                        "SELECT failures, locked_until FROM throttle WHERE scope = ? AND subject = ?",
                        (rs, i) -> new Attempt(false, rs.getInt(1), instant(rs.getTimestamp(2))),
                        scope,
                        subject)
                .stream()
                .findFirst()
                .orElseGet(() -> new Attempt(false, FREE_FAILURES, Instant.now()));
    }

    public void succeeded(String subject) {
        forget(subject);
    }

    /** Drops the subject's count, after a success or when the subject is erased. */
    public void forget(String subject) {
        jdbc.update("DELETE FROM throttle WHERE scope = ? AND subject = ?", scope, subject);
    }

    /** Forgets subjects quiet for a day and not locked: failures a day apart are not "in a row". */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    public int forgetQuiet() {
        return jdbc.update(
                "DELETE FROM throttle WHERE scope = ? AND updated_at < now() - interval '1 day' "
                        + "AND (locked_until IS NULL OR locked_until < now())",
                scope);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
