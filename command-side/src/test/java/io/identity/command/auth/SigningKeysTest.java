package io.identity.command.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.command.user.Account;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.EndedSessions;
import io.identity.support.crypto.MasterKey;
import io.identity.support.problem.IdentityException;
import io.identity.support.test.ForgedTokens;
import io.identity.support.test.TestDatabase;
import io.identity.support.test.TokenContents;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys as stored, the tokens signed with them and the verifier that checks them, without the application
 * around them: a token of ours passes, a forged one does not, and keys stored before the JWT library changed
 * still sign and verify.
 */
class SigningKeysTest {

    private static final String ISSUER = "https://identity.example.com";
    private static final MasterKey MASTER_KEY = new MasterKey("the master key of this test");

    private JdbcTemplate jdbc;
    private SigningKeys keys;

    @BeforeEach
    void database() {
        var dataSource = new DriverManagerDataSource(TestDatabase.create());
        new ResourceDatabasePopulator(new ClassPathResource("db/command/V1__command_lookups.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        keys = new SigningKeys(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                MASTER_KEY,
                Clock.systemUTC(),
                Duration.ofDays(30),
                Duration.ofMinutes(10));
    }

    @Test
    void aTokenOfOurIssuerPassesTheVerifierWithEveryClaim() {
        keys.maintain();
        var account = new Account(UUID.randomUUID(), "ada", "ada@example.com", null, true, "ACTIVE", null, true);
        var session = UUID.randomUUID();
        var token = issuer().issue(account, session);

        var caller = verifier().verify(token);
        assertThat(caller.userId()).isEqualTo(account.userId());
        assertThat(caller.sessionId()).isEqualTo(session);
        assertThat(caller.username()).isEqualTo("ada");
        assertThat(caller.email()).isEqualTo("ada@example.com");
        assertThat(caller.emailVerified()).isTrue();
        assertThat(TokenContents.header(token))
                .containsEntry("alg", "RS256")
                .containsEntry("typ", "JWT")
                .containsEntry("kid", keys.signingKey().getId());
        var claims = TokenContents.claims(token);
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getExpiration().getTime() - claims.getIssuedAt().getTime())
                .isEqualTo(900_000);
        assertThat(claims.getId()).isNotBlank();
        var payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).as("aud is one string, as it has always been").contains("\"aud\":\"identity\"");
    }

    @Test
    void anAccountWithoutAnAddressGetsATokenWithoutOne() {
        keys.maintain();
        var account = new Account(UUID.randomUUID(), "nameless", null, null, false, "ACTIVE", null, true);
        var token = issuer().issue(account, UUID.randomUUID());
        assertThat(TokenContents.claims(token)).doesNotContainKey("email");
        assertThat(verifier().verify(token).email()).isNull();
    }

    @Test
    void forgedTokensAreRefused() {
        keys.maintain();
        var account = new Account(UUID.randomUUID(), "ada", "ada@example.com", null, false, "ACTIVE", null, true);
        var token = issuer().issue(account, UUID.randomUUID());
        var verifier = verifier();
        ForgedTokens.from(token, keys.signingKey())
                .forEach((what, forged) -> assertThatThrownBy(() -> verifier.verify(forged))
                        .as(what)
                        .isInstanceOf(IdentityException.class));
        assertThat(verifier.verify(token).username()).isEqualTo("ada");
    }

    @Test
    void aKeyStoredBeforeStillSignsAndIsPublished() {
        // the private JWK as it was written before: every RSA member, use and alg, in that library's order
        var pair = Jwts.SIG.RS256.keyPair().build();
        var key = (RSAPrivateCrtKey) pair.getPrivate();
        var kid = UUID.randomUUID().toString();
        var stored = "{\"p\":\"" + b64(key.getPrimeP()) + "\",\"kty\":\"RSA\",\"q\":\"" + b64(key.getPrimeQ())
                + "\",\"d\":\"" + b64(key.getPrivateExponent()) + "\",\"e\":\"" + b64(key.getPublicExponent())
                + "\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"qi\":\"" + b64(key.getCrtCoefficient())
                + "\",\"dp\":\"" + b64(key.getPrimeExponentP()) + "\",\"alg\":\"RS256\",\"dq\":\""
                + b64(key.getPrimeExponentQ()) + "\",\"n\":\"" + b64(key.getModulus()) + "\"}";
        var created = Instant.now().minus(Duration.ofDays(1));
        jdbc.update(
                "INSERT INTO signing_keys (kid, public_jwk, private_key, created_at, active_from) "
                        + "VALUES (?, '{}', ?, ?, ?)",
                kid,
                MASTER_KEY.seal(stored.getBytes(StandardCharsets.UTF_8), "signing-key:" + kid),
                Timestamp.from(created),
                Timestamp.from(created));
        keys.maintain();

        assertThat(keys.signingKey().getId()).isEqualTo(kid);
        assertThat(keys.signingKey().toKey().getModulus()).isEqualTo(key.getModulus());
        assertThat(keys.publicKeys().getKeys())
                .singleElement()
                .satisfies(jwk ->
                        assertThat(jwk.keySet()).containsExactlyInAnyOrder("kty", "kid", "use", "alg", "n", "e"));
        var token = issuer().issue(
                        new Account(UUID.randomUUID(), "ada", null, null, false, "ACTIVE", null, true),
                        UUID.randomUUID());
        assertThat(verifier().verify(token).username()).isEqualTo("ada");
    }

    @Test
    void aRotatedKeyIsPublishedAheadAndTheOldOneStillVerifies() {
        keys.maintain();
        var account = new Account(UUID.randomUUID(), "ada", null, null, false, "ACTIVE", null, true);
        var before = issuer().issue(account, UUID.randomUUID());
        var signing = keys.signingKey().getId();
        keys.rotate();
        assertThat(keys.signingKey().getId())
                .as("not signed with before its time")
                .isEqualTo(signing);
        assertThat(keys.signingKey().toKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(keys.publicKeys().getKeys()).hasSize(2);
        assertThat(keys.publicKey(signing)).isNotNull();
        assertThat(verifier().verify(before).username()).isEqualTo("ada");
        var stored = jdbc.queryForList("SELECT public_jwk FROM signing_keys", String.class);
        assertThat(stored)
                .hasSize(2)
                .allSatisfy(json -> assertThat(json)
                        .contains("\"kty\":\"RSA\"")
                        .contains("\"use\":\"sig\"")
                        .contains("\"alg\":\"RS256\"")
                        .doesNotContain("\"d\""));
    }

    private TokenIssuer issuer() {
        return new TokenIssuer(keys::signingKey, Clock.systemUTC(), ISSUER, Duration.ofMinutes(15));
    }

    private AccessTokenVerifier verifier() {
        // not started: no session has ended
        var ended = new EndedSessions(null, "", Duration.ofMinutes(15), Duration.ofSeconds(1));
        return new AccessTokenVerifier(keys::publicKey, ISSUER, ended, caller -> {}, 0);
    }

    private static String b64(BigInteger value) {
        var bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
