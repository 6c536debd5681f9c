package io.identity.command.auth;

import io.identity.support.auth.PublishedKeys;
import io.identity.support.crypto.MasterKey;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPrivateJwk;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys that sign access tokens, kept in PostgreSQL (private parts sealed with the master key) so every
 * command-side instance signs with the same key. A new key is published {@code publishAhead} before anyone signs
 * with it, so that every verifier knows it first; the newest three (next, current, previous) are published.
 * Creation happens under a PostgreSQL advisory lock, so several instances never rotate twice. A key is stored as
 * its JWK (RFC 7517), the form keys made before have too.
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
    private volatile Loaded loaded = new Loaded(List.of(), null, keyId -> null);

    private record Stored(RsaPrivateJwk key, Instant createdAt, Instant activeFrom) {}

    /** The keys as last read, with their public set made once for all the requests that publish or check with it. */
    private record Loaded(List<Stored> keys, JwkSet published, PublishedKeys lookup) {

        static Loaded of(List<Stored> keys) {
            var published = Jwks.set();
            keys.forEach(k -> published.add(k.key().toPublicJwk()));
            var set = published.build();
            return new Loaded(keys, set, PublishedKeys.of(set));
        }
    }

    public SigningKeys(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            MasterKey masterKey,
            Clock clock,
            Duration rotationPeriod,
            Duration publishAhead) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.masterKey = masterKey;
        this.clock = clock;
        this.rotationPeriod = rotationPeriod;
        this.publishAhead = publishAhead;
    }

    /** Makes the first key if there is none yet, and rotates when the newest is older than the period. */
    @Scheduled(fixedDelayString = "${identity.tokens.key-check-interval:30s}")
    public void maintain() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
            var newest = jdbc.query("SELECT max(created_at) FROM signing_keys", (rs, i) -> rs.getTimestamp(1))
                    .get(0);
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
        var keys = jdbc.query(
                "SELECT kid, private_key, created_at, active_from FROM signing_keys "
                        + "ORDER BY created_at DESC LIMIT " + PUBLISHED,
                (rs, i) -> {
                    var kid = rs.getString(1);
                    var jwk = new String(masterKey.open(rs.getBytes(2), "signing-key:" + kid), StandardCharsets.UTF_8);
                    if (!(Jwks.parser().build().parse(jwk) instanceof RsaPrivateJwk key)) {
                        throw new IllegalStateException("stored signing key " + kid + " is not a private RSA JWK");
                    }
                    return new Stored(
                            key,
                            rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant());
                });
        loaded = Loaded.of(keys);
    }

    /** The key to sign with now: the newest one whose time has come. */
    public RsaPrivateJwk signingKey() {
        var now = clock.instant();
        return loaded.keys().stream()
                .filter(k -> !k.activeFrom().isAfter(now))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no active signing key"))
                .key();
    }

    /** The public halves of the next, current and previous keys. */
    public JwkSet publicKeys() {
        return loaded.published();
    }

    /** The public key of the next, current or previous key with this id; null for any other. */
    public RSAPublicKey publicKey(String keyId) {
        return loaded.lookup().find(keyId);
    }

    private void create(Instant createdAt, Instant activeFrom) {
        var key = Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id(UUID.randomUUID().toString())
                .publicKeyUse("sig")
                .algorithm(Jwts.SIG.RS256.getId())
                .build();
        var sealed =
                masterKey.seal(Jwks.UNSAFE_JSON(key).getBytes(StandardCharsets.UTF_8), "signing-key:" + key.getId());
        jdbc.update(
                "INSERT INTO signing_keys (kid, public_jwk, private_key, created_at, active_from) "
                        + "VALUES (?, ?, ?, ?, ?)",
                key.getId(),
                Jwks.json(key.toPublicJwk()),
                sealed,
                Timestamp.from(createdAt),
                Timestamp.from(activeFrom));
    }
}
