package io.identity.command.oauth;

import io.identity.command.kernel.OpaqueTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one-time codes an application receives at the end of a sign-in and exchanges for our tokens: 256 random
 * bits, only their SHA-256 kept, short-lived, redeemed at most once even when two instances race for one.
 */
class OAuthCodes {

    /** Who a redeemed code signs in, and through which provider. */
    record Redeemed(UUID userId, String provider) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration lifetime;

    OAuthCodes(JdbcTemplate jdbc, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String issue(UUID userId, String provider) {
        var code = OpaqueTokens.generate();
        jdbc.update(
                "INSERT INTO oauth_codes (code_hash, user_id, provider, expires_at) VALUES (?, ?, ?, ?)",
                OpaqueTokens.hash(code),
                userId,
                provider,
                Timestamp.from(clock.instant().plus(lifetime)));
        return code;
    }

    /** The code's sign-in, if it is known, unused and unexpired; it is used from now on. */
    Optional<Redeemed> redeem(String code) {
        if (code == null || code.isEmpty() || code.length() > 256) {
            return Optional.empty();
        }
        var now = Timestamp.from(clock.instant());
        return jdbc
                .query(
                        "UPDATE oauth_codes SET consumed_at = ? "
                                + "WHERE code_hash = ? AND consumed_at IS NULL AND expires_at > ? RETURNING user_id, provider",
                        (rs, i) -> new Redeemed(rs.getObject("user_id", UUID.class), rs.getString("provider")),
                        now,
                        OpaqueTokens.hash(code),
                        now)
                .stream()
                .findFirst();
    }

    int purgeExpired() {
        return jdbc.update("DELETE FROM oauth_codes WHERE expires_at < now() - interval '1 day'");
    }
}
