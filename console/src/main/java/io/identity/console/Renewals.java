package io.identity.console;

import io.identity.support.crypto.MasterKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A session's tokens are renewed once at a time, on every instance together: two requests of one browser (two
 * tabs) that both find the access token expired must not both present the refresh token, since presenting a
 * consumed one ends the whole session by contract. The first claims the refresh token (by its SHA-256, a row of
 * {@code console.renewals} in the shared database) and refreshes; the others wait for its result and use it. The
 * result, the new pair sealed under the master key, is kept 30 s. No connection is held while the API is asked.
 */
final class Renewals {

    /** What became of a renewal: the new pair, the session's end, or neither (the API could not say; try later). */
    record Outcome(ConsoleSession renewed, boolean ended) {
        static final Outcome UNKNOWN = new Outcome(null, false);
        static final Outcome ENDED = new Outcome(null, true);
    }

    static final String SCHEMA = "console";
    private static final Duration KEPT = Duration.ofSeconds(30);
    /** How long a request waits for another's renewal: the API answers a refresh in milliseconds. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String CONTEXT = "console-renewal:";
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final JdbcTemplate jdbc;
    private final MasterKey key;
    private final JsonMapper json;

    Renewals(DataSource dataSource, MasterKey key, JsonMapper json) {
        // its own schema and history, so the console's tables never meet the command side's migrations
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/console")
                .load()
                .migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.key = key;
        this.json = json;
    }

    /**
     * Renews {@code session}: {@code refresh} asks the API (called by at most one request per refresh token at a
     * time, on any instance); every other request for the same refresh token gets that call's result.
     */
    Outcome renew(ConsoleSession session, Supplier<Api.Answer> refresh) {
        var hash = hash(session.refreshToken());
        var deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            jdbc.update("DELETE FROM console.renewals WHERE expires_at < now()");
            var claimed = jdbc.update(
                    "INSERT INTO console.renewals (refresh_hash, expires_at) VALUES (?, now() + "
                            + "make_interval(secs => ?)) ON CONFLICT DO NOTHING",
                    hash,
                    KEPT.toSeconds());
            if (claimed == 1) {
                try {
                    return lead(session, hash, refresh.get());
                } catch (RuntimeException e) {
                    jdbc.update("DELETE FROM console.renewals WHERE refresh_hash = ? AND state = 'PENDING'", hash);
                    throw e;
                }
            }
            var rows = jdbc.query(
                    "SELECT state, tokens FROM console.renewals WHERE refresh_hash = ?",
                    (row, n) -> new Object[] {row.getString(1), row.getBytes(2)},
                    hash);
            if (!rows.isEmpty()) {
                var state = (String) rows.get(0)[0];
                if ("RENEWED".equals(state)) {
                    return new Outcome(open(session, hash, (byte[]) rows.get(0)[1]), false);
                }
                if ("ENDED".equals(state)) {
                    return Outcome.ENDED;
                }
            }
            // pending (or just given up: then the next round claims it)
            if (System.nanoTime() > deadline) {
                return Outcome.UNKNOWN;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** This request renews: what the API says is kept for the others. */
    private Outcome lead(ConsoleSession session, String hash, Api.Answer answer) {
        if (answer.ok()) {
            var fresh = new ConsoleSession(
                    answer.body().path("access_token").asString(),
                    answer.body().path("refresh_token").asString(),
                    session.sessionId(),
                    session.position());
            var pair = new ConsoleSession(fresh.accessToken(), fresh.refreshToken(), null, null);
            jdbc.update(
                    "UPDATE console.renewals SET state = 'RENEWED', tokens = ?, expires_at = now() + "
                            + "make_interval(secs => ?) WHERE refresh_hash = ?",
                    key.seal(json.writeValueAsBytes(pair), CONTEXT + hash),
                    KEPT.toSeconds(),
                    hash);
            return new Outcome(fresh, false);
        }
        if (answer.status() == 400 || answer.status() == 401) {
            jdbc.update("UPDATE console.renewals SET state = 'ENDED' WHERE refresh_hash = ?", hash);
            return Outcome.ENDED;
        }
        // unreachable, rate limited, failed: nobody knows whether the token was spent; a later request may try
        jdbc.update("DELETE FROM console.renewals WHERE refresh_hash = ?", hash);
        return Outcome.UNKNOWN;
    }

    private ConsoleSession open(ConsoleSession session, String hash, byte[] sealed) {
        var pair = json.readValue(key.open(sealed, CONTEXT + hash), ConsoleSession.class);
        return new ConsoleSession(pair.accessToken(), pair.refreshToken(), session.sessionId(), session.position());
    }

    private static String hash(String refreshToken) {
        return HexFormat.of().formatHex(Digests.sha256(refreshToken));
    }
}
