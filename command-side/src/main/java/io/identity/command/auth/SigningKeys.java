package io.identity.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.identity.support.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys that sign access tokens, kept in PostgreSQL (private parts sealed with the master key) so every
 * command-side instance signs with the same key. A new key is published {@code publishAhead} before anyone signs
 * with it, so that every verifier knows it first; the newest three (next, current, previous) are published.
 * Creation happens under a PostgreSQL advisory lock, so several instances never rotate twice.
 */
public class SigningKeys {

    private static final long LOCK = 0x5167_4b65_7973L;
    private static final int PUBLISHED = 3;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Duration rotationPeriod;
    private final Duration publishAhead;
    private volatile List<Stored> keys = List.of();

    private record Stored(RSAKey key, Instant createdAt, Instant activeFrom) {
    }

    public SigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions, MasterKey masterKey, Clock clock,
                       Duration rotationPeriod, Duration publishAhead) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.masterKey = masterKey;
        this.clock = clock;
        this.rotationPeriod = rotationPeriod;
        this.publishAhead = publishAhead;
    }

    /** Makes the first key if there is none yet, and rotates when the newest is older than the period. */
    public void maintain() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
            var newest = jdbc.query("SELECT max(created_at) FROM signing_keys",
                    (rs, i) -> rs.getTimestamp(1)).get(0);
            var now = clock.instant();
            if (newest == null) {
                create(now, now);
            } else if (!newest.toInstant().plus(rotationPeriod).isAfter(now)) {
                create(now, now.plus(publishAhead));
            }
        });
        reload();
    }

    /** Adds a key now, to be used for signing once {@code publishAhead} has passed. */
    public void rotate() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
            var now = clock.instant();
            create(now, now.plus(publishAhead));
        });
        reload();
    }

    public void reload() {
        keys = jdbc.query("SELECT kid, private_key, created_at, active_from FROM signing_keys "
                + "ORDER BY created_at DESC LIMIT " + PUBLISHED, (rs, i) -> {
            var kid = rs.getString(1);
            var jwk = new String(masterKey.open(rs.getBytes(2), "signing-key:" + kid), StandardCharsets.UTF_8);
            try {
                return new Stored(RSAKey.parse(jwk), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant());
            } catch (ParseException e) {
                throw new IllegalStateException("stored signing key " + kid + " is not a JWK", e);
            }
        });
    }

    /** The key to sign with now: the newest one whose time has come. */
    public RSAKey signingKey() {
        var now = clock.instant();
        return keys.stream().filter(k -> !k.activeFrom().isAfter(now)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no active signing key")).key();
    }

    /** The public halves of the next, current and previous keys. */
    public JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.key().toPublicJWK()).toList());
    }

    private void create(Instant createdAt, Instant activeFrom) {
        try {
            var key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            var sealed = masterKey.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8),
                    "signing-key:" + key.getKeyID());
            jdbc.update("INSERT INTO signing_keys (kid, public_jwk, private_key, created_at, active_from) "
                            + "VALUES (?, ?, ?, ?, ?)", key.getKeyID(), key.toPublicJWK().toJSONString(), sealed,
                    Timestamp.from(createdAt), Timestamp.from(activeFrom));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
