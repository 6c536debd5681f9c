package io.identity.command.auth;

import io.identity.command.kernel.OpaqueTokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens (256 random bits), stored only as their SHA-256. Each is used once: using one marks it
 * consumed and the caller issues the next; a consumed one seen again is a reuse, which ends its session.
 * Rotation is kept here rather than in events, so refreshing never grows an aggregate.
 */
@Component
public class RefreshTokens {

    private final JdbcTemplate jdbc;

    public RefreshTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What presenting a refresh token found. */
    public sealed interface Use {}

    public record Fresh(UUID sessionId, UUID userId, Instant expiresAt) implements Use {}

    public record Reused(UUID sessionId, UUID userId) implements Use {}

    public record Unknown() implements Use {}

    public String create(UUID sessionId, UUID userId, Instant expiresAt) {
        var token = OpaqueTokens.generate();
        jdbc.update(
                "INSERT INTO refresh_tokens (token_hash, session_id, user_id, issued_at, expires_at) "
                        + "VALUES (?, ?, ?, now(), ?)",
                hash(token),
                sessionId,
                userId,
                Timestamp.from(expiresAt));
        return token;
    }

    /** Consumes the token; call inside the transaction that issues its successor. */
    public Use consume(String token) {
        var hash = hash(token);
        var fresh = jdbc.query(
                "UPDATE refresh_tokens SET consumed_at = now() "
                        + "WHERE token_hash = ? AND consumed_at IS NULL AND expires_at > now() "
                        + "RETURNING session_id, user_id, expires_at",
                (rs, i) -> new Fresh(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()),
                hash);
        if (!fresh.isEmpty()) {
            return fresh.get(0);
        }
        var consumed = jdbc.query(
                "SELECT session_id, user_id FROM refresh_tokens " + "WHERE token_hash = ? AND consumed_at IS NOT NULL",
                (rs, i) -> new Reused(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                hash);
        return consumed.isEmpty() ? new Unknown() : consumed.get(0);
    }

    /** Forgets every token of a user, on erasure. */
    public void forgetUser(UUID userId) {
        jdbc.update("DELETE FROM refresh_tokens WHERE user_id = ?", userId);
    }

    /** Forgets tokens whose session window has passed; a reuse after that is just an unknown token. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public int purgeExpired() {
        return jdbc.update("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'");
    }

    private static byte[] hash(String token) {
        return OpaqueTokens.hash(token);
    }
}
