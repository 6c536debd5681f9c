package io.identity.support.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.identity.support.problem.IdentityException;
import io.identity.support.test.TestDatabase;
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
 * its session's end, its age, and any change to it.
 */
class AccessTokenVerifierTest {

    private static final String ISSUER = "https://identity.example.com";

    private static RSAKey key;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void keysAndDatabase() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
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
        var refusedFrom = expires.plusSeconds(AccessTokenVerifier.CLOCK_SKEW_SECONDS).plusMillis(300);
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
        var forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"ada\"", "\"eve\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthenticated(verifier, forged);
        assertThat(verifier.verify(token).username()).as("the genuine one still passes").isEqualTo("ada");
    }

    @Test
    void withNothingKeptEveryRequestIsCheckedInFull() throws Exception {
        var verifier = new AccessTokenVerifier(new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())),
                ISSUER, endedSessions(), caller -> { }, 0);
        var expires = Instant.now().plusSeconds(1);
        var token = token(UUID.randomUUID(), expires);
        assertThat(verifier.verify(token).username()).isEqualTo("ada");
        assertThat(verifier.verify(token).username()).isEqualTo("ada");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(),
                expires.plusSeconds(AccessTokenVerifier.CLOCK_SKEW_SECONDS).plusMillis(300)).toMillis()));
        assertUnauthenticated(verifier, token);
    }

    private static EndedSessions endedSessions() {
        var ended = new EndedSessions(jdbc, "SELECT session_id, recorded_at FROM ended WHERE recorded_at > ?",
                Duration.ofMinutes(15), Duration.ofHours(1));
        ended.poll();
        return ended;
    }

    private static AccessTokenVerifier verifier(EndedSessions ended) {
        return new AccessTokenVerifier(new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())), ISSUER,
                ended);
    }

    private static String token(UUID sessionId, Instant expires) throws Exception {
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AccessTokenVerifier.AUDIENCE)
                .subject(UUID.randomUUID().toString()).claim("sid", sessionId.toString())
                .claim("preferred_username", "ada").claim("email", "ada@example.com").claim("email_verified", true)
                .issueTime(new Date()).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void assertUnauthenticated(AccessTokenVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(IdentityException.unauthenticated().code()));
    }
}
