package io.identity.support.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.support.problem.IdentityException;
import io.identity.support.test.ForgedTokens;
import io.identity.support.test.TestDatabase;
import io.jsonwebtoken.ClaimsBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPrivateJwk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A token that passed once is not checked in full again, yet nothing it would be refused for is let through:
 * its session's end, its age, and any change to it. Forged tokens are refused, kept tokens or not.
 */
class AccessTokenVerifierTest {

    private static final String ISSUER = "https://identity.example.com";

    private static RsaPrivateJwk key;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void keysAndDatabase() throws Exception {
        key = Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id("k1")
                .publicKeyUse("sig")
                .algorithm("RS256")
                .build();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(TestDatabase.create()));
        jdbc.execute("CREATE TABLE ended (session_id uuid PRIMARY KEY, recorded_at timestamptz NOT NULL)");
    }

    @Test
    void aTokenThatPassedIsRefusedOnceItsSessionEnds() throws Exception {
        var ended = endedSessions();
        var verifier = verifier(ended);
        var sessionId = UUID.randomUUID();
        var token = token(sessionId, Instant.now().plusSeconds(300));
        assertThat(verifier.verify(token).sessionId()).isEqualTo(sessionId);
        assertThat(verifier.verify(token).username()).isEqualTo("ada");

        jdbc.update("INSERT INTO ended VALUES (?, now())", sessionId);
        ended.poll();
        assertUnauthenticated(verifier, token);
    }

    @Test
    void aTokenThatPassedIsRefusedOnceTooOld() throws Exception {
        var verifier = verifier(endedSessions());
        var expires = Instant.now().plusSeconds(1);
        var token = token(UUID.randomUUID(), expires);
        assertThat(verifier.verify(token).username()).isEqualTo("ada");

        // the full check allows a few seconds of clock skew after exp; past them, the kept result counts no more
        var refusedFrom =
                expires.plusSeconds(AccessTokenVerifier.CLOCK_SKEW_SECONDS).plusMillis(300);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), refusedFrom).toMillis()));
        assertUnauthenticated(verifier, token);
    }

    @Test
    void aTokenChangedAfterAnotherPassedIsCheckedInFull() throws Exception {
        var verifier = verifier(endedSessions());
        var token = token(UUID.randomUUID(), Instant.now().plusSeconds(300));
        assertThat(verifier.verify(token).username()).isEqualTo("ada");

        var parts = token.split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        var forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replace("\"ada\"", "\"eve\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertUnauthenticated(verifier, forged);
        assertThat(verifier.verify(token).username())
                .as("the genuine one still passes")
                .isEqualTo("ada");
    }

    @Test
    void withNothingKeptEveryRequestIsCheckedInFull() throws Exception {
        var verifier = new AccessTokenVerifier(keys(), ISSUER, endedSessions(), caller -> {}, 0);
        var expires = Instant.now().plusSeconds(1);
        var token = token(UUID.randomUUID(), expires);
        assertThat(verifier.verify(token).username()).isEqualTo("ada");
        assertThat(verifier.verify(token).username()).isEqualTo("ada");
        Thread.sleep(Math.max(
                0,
                Duration.between(
                                Instant.now(),
                                expires.plusSeconds(AccessTokenVerifier.CLOCK_SKEW_SECONDS)
                                        .plusMillis(300))
                        .toMillis()));
        assertUnauthenticated(verifier, token);
    }

    @Test
    void forgedTokensAreRefusedAndTheSameClaimsProperlySignedPass() {
        var verifier = verifier(endedSessions());
        var token = token(UUID.randomUUID(), Instant.now().plusSeconds(300));
        assertThat(verifier.verify(token).username()).isEqualTo("ada");
        var forged = ForgedTokens.from(token, key);
        assertThat(forged).containsKeys("alg none", "HS256 with the public key", "unknown kid");
        forged.forEach((what, bad) -> assertThatThrownBy(() -> verifier.verify(bad))
                .as(what)
                .isInstanceOfSatisfying(
                        IdentityException.class,
                        e -> assertThat(e.code())
                                .isEqualTo(IdentityException.unauthenticated().code())));
        assertThat(verifier.verify(ForgedTokens.resigned(token, key)).username())
                .isEqualTo("ada");
    }

    @Test
    void aTokenWithoutAClaimWeRelyOnIsRefused() {
        var verifier = verifier(endedSessions());
        var full = ForgedTokens.sign(
                key, claims(UUID.randomUUID(), Instant.now().plusSeconds(300)).build());
        assertThat(verifier.verify(full).username()).isEqualTo("ada");
        for (var claim : new String[] {"sub", "sid", "exp", "iat", "jti"}) {
            var without = ForgedTokens.sign(
                    key,
                    claims(UUID.randomUUID(), Instant.now().plusSeconds(300))
                            .add(claim, null)
                            .build());
            assertUnauthenticated(verifier, without);
        }
        var audienceAmongOthers = ForgedTokens.sign(
                key,
                claims(UUID.randomUUID(), Instant.now().plusSeconds(300))
                        .audience()
                        .add("someone-else")
                        .and()
                        .build());
        assertThat(verifier.verify(audienceAmongOthers).username())
                .as("aud may name others besides us")
                .isEqualTo("ada");
    }

    @Test
    void onlyKeysPublishedForRs256SignaturesCount() {
        var forEncryption = Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id("enc")
                .publicKeyUse("enc")
                .build();
        var forRs512 = Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id("rs512")
                .algorithm("RS512")
                .build();
        var bare = Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id("bare")
                .build();
        var keys = PublishedKeys.of(Jwks.set()
                .add(forEncryption.toPublicJwk())
                .add(forRs512.toPublicJwk())
                .add(bare.toPublicJwk())
                .build());
        assertThat(keys.find("enc")).isNull();
        assertThat(keys.find("rs512")).isNull();
        assertThat(keys.find("bare")).isEqualTo(bare.toPublicJwk().toKey());
        assertThat(keys.find(null)).isNull();
        assertThat(keys.find("nobody")).isNull();
    }

    private static EndedSessions endedSessions() {
        var ended = new EndedSessions(
                jdbc,
                "SELECT session_id, recorded_at FROM ended WHERE recorded_at > ?",
                Duration.ofMinutes(15),
                Duration.ofHours(1));
        ended.poll();
        return ended;
    }

    private static PublishedKeys keys() {
        return PublishedKeys.of(Jwks.set().add(key.toPublicJwk()).build());
    }

    private static AccessTokenVerifier verifier(EndedSessions ended) {
        return new AccessTokenVerifier(keys(), ISSUER, ended);
    }

    private static ClaimsBuilder claims(UUID sessionId, Instant expires) {
        return Jwts.claims()
                .issuer(ISSUER)
                .audience()
                .add(AccessTokenVerifier.AUDIENCE)
                .and()
                .subject(UUID.randomUUID().toString())
                .add("sid", sessionId.toString())
                .add("preferred_username", "ada")
                .add("email", "ada@example.com")
                .add("email_verified", true)
                .issuedAt(new Date())
                .expiration(Date.from(expires))
                .id(UUID.randomUUID().toString());
    }

    private static String token(UUID sessionId, Instant expires) {
        return ForgedTokens.sign(key, claims(sessionId, expires).build());
    }

    private static void assertUnauthenticated(AccessTokenVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(
                        IdentityException.class,
                        e -> assertThat(e.code())
                                .isEqualTo(IdentityException.unauthenticated().code()));
    }
}
