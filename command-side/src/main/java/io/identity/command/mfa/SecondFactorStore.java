package io.identity.command.mfa;

import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.session.SignInMethod;
import io.identity.events.user.UserErased;
import io.identity.support.crypto.MasterKey;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secrets of a person's second factors, beside the store and never in an event (see {@code V24}): the
 * authenticator app's key, sealed; the recovery codes, as keyed digests; the one-time tokens between a sign-in's
 * password and its second factor, as SHA-256. A person's erasure takes them all, in its own transaction.
 */
@Component
@ProcessingGroup(SecondFactorStore.GROUP)
public class SecondFactorStore {

    static final String GROUP = "second-factors";
    private static final String TOTP = "totp-secret";
    private static final String RECOVERY = "recovery-code";
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final MasterKey key;

    SecondFactorStore(JdbcTemplate jdbc, MasterKey key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    /** A new key for the app, pending until a code of it is confirmed; replaces a pending one. */
    void pendingTotp(UUID userId, byte[] secret) {
        jdbc.update(
                "INSERT INTO mfa_totp (user_id, sealed_secret) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE "
                        + "SET sealed_secret = excluded.sealed_secret, last_step = 0, created_at = now() "
                        + "WHERE NOT mfa_totp.confirmed",
                userId,
                key.seal(secret, TOTP));
    }

    /** The app's key and the last step accepted, confirmed or pending. */
    record TotpKey(byte[] secret, boolean confirmed, long lastStep) {}

    Optional<TotpKey> totp(UUID userId) {
        return jdbc
                .query(
                        "SELECT sealed_secret, confirmed, last_step FROM mfa_totp WHERE user_id = ?",
                        (rs, i) -> new TotpKey(key.open(rs.getBytes(1), TOTP), rs.getBoolean(2), rs.getLong(3)),
                        userId)
                .stream()
                .findFirst();
    }

    /**
     * Spends a step: true when no code of this step or a later one was accepted before (two requests with the
     * same code at once: one wins); {@code confirm} also confirms a pending key.
     */
    boolean spend(UUID userId, long step, boolean confirm) {
        return jdbc.update(
                        "UPDATE mfa_totp SET last_step = ?, confirmed = confirmed OR ? WHERE user_id = ? "
                                + "AND last_step < ?",
                        step,
                        confirm,
                        userId,
                        step)
                > 0;
    }

    void removeTotp(UUID userId) {
        jdbc.update("DELETE FROM mfa_totp WHERE user_id = ?", userId);
    }

    /** Replaces the person's recovery codes with these. */
    void replaceRecoveryCodes(UUID userId, List<String> codes) {
        jdbc.update("DELETE FROM mfa_recovery_codes WHERE user_id = ?", userId);
        for (var code : codes) {
            jdbc.update(
                    "INSERT INTO mfa_recovery_codes (user_id, code_digest) VALUES (?, ?)",
                    userId,
                    key.digest(RecoveryCodes.normal(code), RECOVERY));
        }
    }

    /** Spends the code: true when it was one of the person's, unused (each works once). */
    boolean spendRecoveryCode(UUID userId, String code) {
        return jdbc.update(
                        "DELETE FROM mfa_recovery_codes WHERE user_id = ? AND code_digest = ?",
                        userId,
                        key.digest(RecoveryCodes.normal(code), RECOVERY))
                > 0;
    }

    int recoveryCodesLeft(UUID userId) {
        return jdbc.queryForObject("SELECT count(*) FROM mfa_recovery_codes WHERE user_id = ?", Integer.class, userId);
    }

    /**
     * The factors a sign-in of the person must prove one of, as §13 names them: {@code totp} once confirmed,
     * {@code recovery_code} while codes are left beside another factor, and those {@code others} add
     * ({@code webauthn}).
     */
    List<String> factorsOf(UUID userId, List<String> others) {
        var factors = new ArrayList<String>();
        if (totp(userId).filter(TotpKey::confirmed).isPresent()) {
            factors.add("totp");
        }
        factors.addAll(others);
        if (!factors.isEmpty() && recoveryCodesLeft(userId) > 0) {
            factors.add("recovery_code");
        }
        return factors;
    }

    /** A one-time token for finishing the person's sign-in with a second factor, after {@code firstFactor}. */
    String challenge(UUID userId, SignInMethod firstFactor, Instant now) {
        jdbc.update("DELETE FROM mfa_challenges WHERE expires_at < now()");
        var token = OpaqueTokens.generate();
        jdbc.update(
                "INSERT INTO mfa_challenges (token_hash, user_id, first_factor, expires_at) VALUES (?, ?, ?, ?)",
                OpaqueTokens.hash(token),
                userId,
                firstFactor.name(),
                Timestamp.from(now.plus(CHALLENGE_LIFETIME)));
        return token;
    }

    /** A sign-in waiting for its second factor: whose, and how its first step was made. */
    record Challenged(UUID userId, SignInMethod firstFactor) {}

    /** Whose sign-in the token carries, while it lasts and is unspent. */
    Optional<Challenged> challenged(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT user_id, first_factor FROM mfa_challenges WHERE token_hash = ? AND expires_at > now()",
                        (rs, i) -> new Challenged(rs.getObject(1, UUID.class), SignInMethod.valueOf(rs.getString(2))),
                        OpaqueTokens.hash(token))
                .stream()
                .findFirst();
    }

    /** Spends the token: true once, for the first caller. */
    boolean spendChallenge(String token) {
        return jdbc.update("DELETE FROM mfa_challenges WHERE token_hash = ? AND expires_at > now()", (Object)
                        OpaqueTokens.hash(token))
                > 0;
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM mfa_totp WHERE user_id = ?", event.userId());
        jdbc.update("DELETE FROM mfa_recovery_codes WHERE user_id = ?", event.userId());
        jdbc.update("DELETE FROM mfa_challenges WHERE user_id = ?", event.userId());
    }
}
