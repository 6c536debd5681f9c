package io.identity.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.support.test.Eventually;
import io.identity.support.test.ForgedTokens;
import io.identity.support.test.Http;
import io.identity.support.test.TokenContents;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TokenApiTest extends CommandSideTest {

    @Autowired
    SigningKeys signingKeys;

    private record Tokens(String access, String refresh, String sessionId) {}

    private Tokens signIn(String login) {
        var response = login(login);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var json = response.json();
        assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.path("expires_in").asLong()).isEqualTo(900);
        assertThat(json.path("refresh_expires_in").asLong()).isGreaterThan(29L * 24 * 3600);
        return new Tokens(
                json.path("access_token").asString(),
                json.path("refresh_token").asString(),
                json.path("session_id").asString());
    }

    /** RFC 6749 §5.1: no cache and no browser history keeps a response that carries tokens. */
    @Test
    void everyTokenResponseIsNeverStored() {
        var name = newUser();
        var login = login(name);
        var refreshed = http.post(
                "/api/v1/auth/refresh",
                Map.of("refresh_token", login.json().path("refresh_token").asString()));
        var granted =
                http.form("/oauth2/token", "grant_type=password&username=" + name + "&password=correct+horse+battery");
        var regranted = http.form(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + granted.json().path("refresh_token").asString());
        for (var response : List.of(login, refreshed, granted, regranted)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("access_token").asString()).isNotEmpty();
            assertThat(response.header("Cache-Control")).as(response.toString()).isEqualTo("no-store");
            assertThat(response.header("Pragma")).as(response.toString()).isEqualTo("no-cache");
        }
    }

    private String newUser() {
        var name = unique("tok");
        assertThat(register(name).status()).isEqualTo(201);
        return name;
    }

    @Test
    void signsInByUsernameOrEmailInAnyCase() throws Exception {
        var name = newUser();
        var byName = signIn(name.toUpperCase());
        var byEmail = signIn(name.toUpperCase() + "@Example.COM");
        assertThat(byName.sessionId()).isNotEqualTo(byEmail.sessionId());

        var claims = TokenContents.claims(byName.access());
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:8081");
        assertThat(claims.getAudience()).containsExactly("identity");
        assertThat(claims.get("preferred_username", String.class)).isEqualTo(name);
        assertThat(claims.get("email", String.class)).isEqualTo(name + "@example.com");
        assertThat(claims.get("email_verified", Boolean.class)).isFalse();
        assertThat(claims.get("sid", String.class)).isEqualTo(byName.sessionId());
        assertThat(claims.getId()).isNotBlank();
        assertThat(TokenContents.header(byName.access()))
                .containsEntry("alg", "RS256")
                .containsEntry("typ", "JWT");
        assertThat(TokenContents.keyId(byName.access())).isNotBlank();
        assertThat(byName.refresh().length()).isGreaterThanOrEqualTo(43);
    }

    @Test
    void unknownLoginAndWrongPasswordFailAlike() {
        var name = newUser();
        var wrong = http.post("/api/v1/auth/login", Map.of("login", name, "password", "wrong password!"));
        var unknown = http.post("/api/v1/auth/login", Map.of("login", unique("nobody"), "password", PASSWORD));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");
        assertThat(unknown.json().path("detail")).isEqualTo(wrong.json().path("detail"));
        var nul = http.post("/api/v1/auth/login", Map.of("login", "a\u0000b", "password", PASSWORD));
        assertThat(nul.status())
                .as("a login no account can have is just unknown")
                .isEqualTo(401);
        assertThat(http.post("/api/v1/password-reset/questions", Map.of("login", "\u0000"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheSession() {
        var tokens = signIn(newUser());
        var refreshed = http.post("/api/v1/auth/refresh", Map.of("refresh_token", tokens.refresh()));
        assertThat(refreshed.status()).isEqualTo(200);
        var next = refreshed.json().path("refresh_token").asString();
        assertThat(next).isNotEqualTo(tokens.refresh());
        assertThat(refreshed.json().path("session_id").asString()).isEqualTo(tokens.sessionId());
        assertThat(refreshed.header("X-Event-Position"))
                .as("a refresh stores no event")
                .isNull();

        var reuse = http.post("/api/v1/auth/refresh", Map.of("refresh_token", tokens.refresh()));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.json().path("code").asString()).isEqualTo("invalid_token");

        var afterReuse = http.post("/api/v1/auth/refresh", Map.of("refresh_token", next));
        assertThat(afterReuse.status()).as("the whole session ended").isEqualTo(401);
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8')::jsonb->>'reason' FROM domain_event_entry "
                                + "WHERE aggregate_identifier = ? AND payload_type = 'io.identity.events.session.SessionEnded'",
                        String.class,
                        tokens.sessionId()))
                .isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(Eventually.within(
                        Duration.ofSeconds(2), () -> logout(tokens.access()).status() == 401))
                .isTrue();
    }

    @Test
    void logoutEndsTheSessionEverywhereWithinTwoSeconds() {
        var name = newUser();
        var tokens = signIn(name);
        var other = signIn(name);
        var out = logout(tokens.access());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("X-Event-Position")).isNotNull();
        var started = System.nanoTime();
        assertThat(Eventually.within(
                        Duration.ofSeconds(2), () -> logout(tokens.access()).status() == 401))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(http.post("/api/v1/auth/refresh", Map.of("refresh_token", tokens.refresh()))
                        .status())
                .isEqualTo(401);
        assertThat(logout(other.access()).status()).as("other sessions live on").isEqualTo(204);
    }

    @Test
    void aUserEndsTheirOwnSessionsOnlyAndOthersAreNotFound() {
        var name = newUser();
        var ada = signIn(name);
        var adaPhone = signIn(name);
        var mallory = signIn(newUser());

        var stolen = http.delete("/api/v1/sessions/" + ada.sessionId(), Http.bearer(mallory.access()));
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/sessions/" + UUID.randomUUID(), Http.bearer(mallory.access()))
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/sessions/not-a-uuid", Http.bearer(mallory.access()))
                        .status())
                .isEqualTo(404);

        assertThat(http.delete("/api/v1/sessions/" + adaPhone.sessionId(), Http.bearer(ada.access()))
                        .status())
                .isEqualTo(204);
        assertThat(http.post("/api/v1/auth/refresh", Map.of("refresh_token", adaPhone.refresh()))
                        .status())
                .isEqualTo(401);
        assertThat(http.post("/api/v1/auth/refresh", Map.of("refresh_token", ada.refresh()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theOAuthTokenEndpointSpeaksRfc6749() {
        var name = newUser();
        var password = http.form(
                "/oauth2/token",
                "grant_type=password&username=" + name + "&password=correct+horse+battery&client_id=first-party");
        assertThat(password.status()).isEqualTo(200);
        assertThat(password.header("Cache-Control")).contains("no-store");
        var refresh = http.form(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + password.json().path("refresh_token").asString());
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.json().path("access_token").asString()).isNotBlank();

        var wrong = http.form("/oauth2/token", "grant_type=password&username=" + name + "&password=nope");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.form("/oauth2/token", "grant_type=client_credentials")
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("unsupported_grant_type");
        assertThat(http.form("/oauth2/token", "username=x").json().path("error").asString())
                .isEqualTo("invalid_request");
        assertThat(http.form(
                                "/oauth2/token",
                                "grant_type=password&username=" + name
                                        + "&password=correct+horse+battery&client_id=evil")
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("invalid_client");
    }

    @Test
    void forgedOrStaleTokensAreRefused() throws Exception {
        var tokens = signIn(newUser());
        var key = signingKeys.signingKey();
        var tampered = tokens.access().substring(0, tokens.access().lastIndexOf('.') - 2) + "xx"
                + tokens.access().substring(tokens.access().lastIndexOf('.'));
        var forged = new LinkedHashMap<>(ForgedTokens.from(tokens.access(), key));
        forged.putAll(Map.of("tampered", tampered, "garbage", "garbage", "empty", ""));
        forged.forEach((what, token) -> {
            var response = logout(token);
            assertThat(response.status()).as(what).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.json().path("code").asString()).isEqualTo("unauthenticated");
        });
        assertThat(http.post("/api/v1/auth/logout", "").status()).isEqualTo(401);
        assertThat(logout(ForgedTokens.resigned(tokens.access(), key)).status())
                .as("the same claims, properly signed")
                .isEqualTo(204);
    }

    @Test
    void publishesKeysAndDiscoveryAndKeepsOldKeysThroughARotation() throws Exception {
        var discovery = http.get("/.well-known/openid-configuration").json();
        assertThat(discovery.path("issuer").asString()).isEqualTo("http://localhost:8081");
        assertThat(discovery.path("jwks_uri").asString()).endsWith("/.well-known/jwks.json");
        assertThat(discovery.path("token_endpoint").asString()).endsWith("/oauth2/token");
        assertThat(discovery.path("grant_types_supported").toString()).contains("password", "refresh_token");
        assertThat(discovery.path("id_token_signing_alg_values_supported").toString())
                .contains("RS256");

        var before = signIn(newUser());
        var keysBefore = Jwks.setParser()
                .build()
                .parse(http.get("/.well-known/jwks.json").body())
                .getKeys();
        assertThat(keysBefore).isNotEmpty().allSatisfy(k -> {
            assertThat(k).isInstanceOf(RsaPublicJwk.class);
            assertThat(k.keySet()).containsExactlyInAnyOrder("kty", "kid", "use", "alg", "n", "e");
            assertThat(k)
                    .containsEntry("kty", "RSA")
                    .containsEntry("use", "sig")
                    .containsEntry("alg", "RS256");
        });
        signingKeys.rotate();
        var keysAfter = Jwks.setParser()
                .build()
                .parse(http.get("/.well-known/jwks.json").body())
                .getKeys();
        assertThat(keysAfter.size()).isEqualTo(Math.min(3, keysBefore.size() + 1));
        assertThat(keysAfter.stream().map(Jwk::getId)).contains(TokenContents.keyId(before.access()));
        assertThat(logout(before.access()).status()).isEqualTo(204);
    }

    private Http.Response logout(String token) {
        return http.post("/api/v1/auth/logout", "", Http.bearer(token));
    }
}
