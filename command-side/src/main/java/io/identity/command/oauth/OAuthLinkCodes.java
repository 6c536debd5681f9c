package io.identity.command.oauth;

import io.identity.command.kernel.OpaqueTokens;
import io.identity.support.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one-time codes that end a link flow (§3 v1.1): the provider's callback links nothing, it hands the browser a
 * code, and only the user who started the flow, presenting it with their own token, gets the provider account
 * linked. 256 random bits, only their SHA-256 kept; the provider account they name (subject, address) is sealed.
 * A code is spent by its first presentation, whoever makes it: a code that reached someone else is void.
 */
class OAuthLinkCodes {

    /** A presented code: who started its flow, at which provider, for which provider account, until when. */
    record Presented(UUID userId, String provider, String subject, String email, Instant expiresAt) {
        @Override
        public String toString() {
            return "Presented[" + userId + ", " + provider + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Duration lifetime;

    OAuthLinkCodes(JdbcTemplate jdbc, MasterKey masterKey, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String issue(UUID userId, String provider, String subject, String email) {
        var code = OpaqueTokens.generate();
        var hash = OpaqueTokens.hash(code);
        // a subject holds no newline (it is a JSON string of the id_token, but we keep it on one line anyway)
        var identity = masterKey.seal(
                (subject.replace("\n", "") + "\n" + (email == null ? "" : email)).getBytes(StandardCharsets.UTF_8),
                context(hash));
        jdbc.update(
                "INSERT INTO oauth_link_codes (code_hash, user_id, provider, identity, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?)",
                hash,
                userId,
                provider,
                identity,
                Timestamp.from(clock.instant().plus(lifetime)));
        return code;
    }

    /**
     * Spends the code, if it is known and unspent, and tells what it was for; the caller decides whether the
     * presenter may use it. Two presentations at once: one gets it, the other nothing.
     */
    Optional<Presented> spend(String code) {
        if (code == null || code.isEmpty() || code.length() > 256) {
            return Optional.empty();
        }
        var hash = OpaqueTokens.hash(code);
        return jdbc
                .query(
                        "UPDATE oauth_link_codes SET consumed_at = ? WHERE code_hash = ? AND consumed_at IS NULL "
                                + "RETURNING user_id, provider, identity, expires_at",
                        (rs, i) -> {
                            var identity = new String(
                                            masterKey.open(rs.getBytes("identity"), context(hash)),
                                            StandardCharsets.UTF_8)
                                    .split("\n", 2);
                            return new Presented(
                                    rs.getObject("user_id", UUID.class),
                                    rs.getString("provider"),
                                    identity[0],
                                    identity[1].isEmpty() ? null : identity[1],
                                    rs.getTimestamp("expires_at").toInstant());
                        },
                        Timestamp.from(clock.instant()),
                        hash)
                .stream()
                .findFirst();
    }

    int purgeExpired() {
        return jdbc.update("DELETE FROM oauth_link_codes WHERE expires_at < now() - interval '1 day'");
    }

    private static String context(byte[] codeHash) {
        return "oauth-link-code:" + HexFormat.of().formatHex(codeHash);
    }
}
