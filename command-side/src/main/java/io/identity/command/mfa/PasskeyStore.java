package io.identity.command.mfa;

import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.user.UserErased;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The passkeys' public keys and counters and the challenges given out for them (see {@code V25}), beside the
 * store: the {@link SecondFactors} events say which passkeys a person has, this says how to check them. Written in
 * the transaction of the command it goes with; a person's erasure takes it all, in its own transaction.
 */
@Component
@ProcessingGroup(SecondFactorStore.GROUP)
class PasskeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    PasskeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored passkey: all public, the key to check its assertions with and the counter they must pass. */
    record Passkey(
            String credentialId,
            UUID userId,
            byte[] attestedCredentialData,
            long signCount,
            Set<String> transports,
            boolean userVerified,
            boolean backupEligible,
            boolean backupState) {

        /** RFC 8176: a passkey that may be copied to other devices is a software-secured key, else hardware. */
        String amr() {
            return backupEligible ? "swk" : "hwk";
        }
    }

    private static final String COLUMNS = "credential_id, user_id, attested_credential_data, sign_count, transports, "
            + "user_verified, backup_eligible, backup_state";

    private static Passkey read(ResultSet rs, int row) throws SQLException {
        var transports = rs.getString(5);
        return new Passkey(
                rs.getString(1),
                rs.getObject(2, UUID.class),
                rs.getBytes(3),
                rs.getLong(4),
                transports.isEmpty() ? Set.of() : Set.of(transports.split(",")),
                rs.getBoolean(6),
                rs.getBoolean(7),
                rs.getBoolean(8));
    }

    List<Passkey> of(UUID userId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM mfa_passkeys WHERE user_id = ? ORDER BY created_at",
                PasskeyStore::read,
                userId);
    }

    boolean any(UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM mfa_passkeys WHERE user_id = ?)", Boolean.class, userId));
    }

    Optional<Passkey> find(String credentialId) {
        if (credentialId == null || credentialId.length() > 1400) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM mfa_passkeys WHERE credential_id = ?",
                        PasskeyStore::read,
                        credentialId)
                .stream()
                .findFirst();
    }

    /** Keeps a verified new passkey; false when its credential id is taken (by anyone). */
    boolean add(UUID userId, RelyingParty.NewPasskey passkey) {
        return jdbc.update(
                        "INSERT INTO mfa_passkeys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (credential_id) DO NOTHING",
                        passkey.credentialId(),
                        userId,
                        passkey.attestedCredentialData(),
                        passkey.signCount(),
                        passkey.transports().stream().sorted().collect(Collectors.joining(",")),
                        passkey.userVerified(),
                        passkey.backupEligible(),
                        passkey.backupState())
                > 0;
    }

    void remove(UUID userId, String credentialId) {
        jdbc.update("DELETE FROM mfa_passkeys WHERE user_id = ? AND credential_id = ?", userId, credentialId);
    }

    /**
     * Moves the counter on to what an assertion gave: false when another assertion got there first or the counter
     * did not rise (a cloned authenticator, or a replay). Both 0 stays 0: authenticators that keep no counter.
     */
    boolean used(Passkey passkey, long signCount, boolean backupState) {
        return jdbc.update(
                        "UPDATE mfa_passkeys SET sign_count = ?, backup_state = ? WHERE credential_id = ? "
                                + "AND sign_count = ? AND (sign_count < ? OR (sign_count = 0 AND ? = 0))",
                        signCount,
                        backupState,
                        passkey.credentialId(),
                        passkey.signCount(),
                        signCount,
                        signCount)
                > 0;
    }

    /** A new challenge (32 random bytes) under a key, for 5 minutes; replaces one under the same key. */
    byte[] challenge(String key, UUID userId, Instant now) {
        jdbc.update("DELETE FROM mfa_webauthn_challenges WHERE expires_at < now()");
        var challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        jdbc.update(
                "INSERT INTO mfa_webauthn_challenges (key_hash, user_id, challenge, expires_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (key_hash) DO UPDATE SET user_id = excluded.user_id, "
                        + "challenge = excluded.challenge, expires_at = excluded.expires_at",
                OpaqueTokens.hash(key),
                userId,
                challenge,
                Timestamp.from(now.plus(SecondFactorStore.CHALLENGE_LIFETIME)));
        return challenge;
    }

    /** The challenge under the key, while it lasts, taken: no one gets it twice. */
    Optional<byte[]> take(String key) {
        return jdbc
                .queryForList(
                        "DELETE FROM mfa_webauthn_challenges WHERE key_hash = ? AND expires_at > now() RETURNING challenge",
                        byte[].class,
                        (Object) OpaqueTokens.hash(key))
                .stream()
                .findFirst()
                .map(challenge -> Arrays.copyOf(challenge, challenge.length));
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM mfa_passkeys WHERE user_id = ?", event.userId());
        jdbc.update("DELETE FROM mfa_webauthn_challenges WHERE user_id = ?", event.userId());
    }
}
