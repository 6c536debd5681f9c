package io.identity.command.oauth;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.events.user.EmailChanged;
import io.identity.events.user.ExternalIdentityLinked;
import io.identity.events.user.ExternalIdentityUnlinked;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.support.test.AuthenticatorApp;
import io.identity.support.test.Http;
import io.identity.support.test.TestOidc;
import io.identity.support.test.TokenContents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-in through an OpenID Connect provider, against a real one started in-process: the whole flow, and every
 * way it must fail (a tampered state, a swapped code that PKCE catches, a forged nonce, issuer or audience, an
 * expired id_token, the provider refusing), linking by verified address only, linking and unlinking while signed
 * in, and the one-time code.
 */
class OAuthLoginApiTest extends CommandSideTest {

    private static final String APP = TestOidc.APP;

    /** The application starts a sign-in; the answer is the redirect to the provider. */
    private Http.Response authorize(String provider) {
        return http.get(
                "/api/v1/auth/oauth/" + provider + "/authorize?redirect_uri=" + encode(APP) + "&state=app-state-1");
    }

    /** The browser's way back from the provider: our callback with what the provider sent. */
    private Http.Response callback(String provider, Map<String, String> query) {
        var path = new StringBuilder("/api/v1/auth/oauth/" + provider + "/callback?");
        query.forEach((key, value) ->
                path.append(encode(key)).append('=').append(encode(value)).append('&'));
        return http.get(path.toString());
    }

    /** A whole flow through {@code provider}; the answer is where our callback sends the browser. */
    private Map<String, String> signInThrough(String provider) {
        var started = authorize(provider);
        assertThat(started.status()).isEqualTo(302);
        var back = callback(provider, TestOidc.atProvider(started.header("Location")));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.header("Location")).startsWith(APP + "?");
        return TestOidc.query(back.header("Location"));
    }

    private Http.Response exchange(String code) {
        var response = http.post("/api/v1/auth/oauth/token", Map.of("code", code));
        if (response.status() == 200) {
            // RFC 6749 §5.1: a response that carries tokens is never stored
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.header("Pragma")).isEqualTo("no-cache");
        }
        return response;
    }

    /** A signed-in user starts linking {@code provider}, confirming with {@code password}. */
    private Http.Response startLink(String provider, String password, String[] auth) {
        var body = new HashMap<String, Object>(Map.of("redirectUri", APP, "state", "link-state"));
        if (password != null) {
            body.put("currentPassword", password);
        }
        return http.post("/api/v1/users/me/identities/" + provider, body, auth);
    }

    /** The browser goes through the provider and back through our callback: where it is sent then. */
    private Map<String, String> throughProvider(String provider, Http.Response started) {
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        var back = callback(
                provider,
                TestOidc.atProvider(started.json().path("authorizationUrl").asString()));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.header("Location")).startsWith(APP + "?");
        return TestOidc.query(back.header("Location"));
    }

    private Http.Response completeLink(String provider, String linkCode, String[] auth) {
        return http.post("/api/v1/users/me/identities/" + provider + "/complete", Map.of("linkCode", linkCode), auth);
    }

    private UUID userIdOf(String username) {
        return UUID.fromString(
                jdbc.queryForObject("SELECT user_id::text FROM accounts WHERE username = ?", String.class, username));
    }

    private boolean linkedAny(UUID userId) {
        return storedEvents(userId.toString()).stream().anyMatch(e -> e.getPayload() instanceof ExternalIdentityLinked);
    }

    private static Map<String, Object> person(String email, boolean verified) {
        var claims = new HashMap<String, Object>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        claims.put("name", "Grace Hopper");
        return claims;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static UUID subjectOf(Http.Response tokens) throws Exception {
        return UUID.fromString(
                TokenContents.claims(tokens.json().path("access_token").asString())
                        .getSubject());
    }

    @Test
    void aNewPersonIsRegisteredAndSignedInAndTheSameAccountSignsInAgain() throws Exception {
        var subject = unique("sub");
        var email = unique("grace") + "@example.org";
        var claims = person(email, true);
        claims.put("preferred_username", "Grace.Hopper!");
        TestOidc.nextPerson("test", subject, claims);

        var started = authorize("test");
        assertThat(started.status()).isEqualTo(302);
        var request = TestOidc.query(started.header("Location"));
        assertThat(started.header("Location")).startsWith(TestOidc.issuer("test"));
        assertThat(request)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", TestOidc.CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(request.get("scope").split(" ")).contains("openid", "email");
        assertThat(request.get("redirect_uri")).endsWith("/api/v1/auth/oauth/test/callback");
        var back = callback("test", TestOidc.atProvider(started.header("Location")));
        assertThat(back.status()).isEqualTo(302);
        var answer = TestOidc.query(back.header("Location"));
        assertThat(answer)
                .containsEntry("state", "app-state-1")
                .containsKey("code")
                .doesNotContainKey("error");

        var tokens = exchange(answer.get("code"));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.header("X-Event-Position")).isNotNull();
        var claimsSet = TokenContents.claims(tokens.json().path("access_token").asString());
        assertThat(claimsSet.get("email", String.class)).isEqualTo(email);
        assertThat(claimsSet.get("email_verified", Boolean.class))
                .as("the provider verified it")
                .isTrue();
        assertThat(claimsSet.get("preferred_username", String.class)).startsWith("grace.hopper");
        var userId = claimsSet.getSubject();
        var registered = lastEvent(userId, UserRegistered.class);
        assertThat(registered.method()).isEqualTo(RegistrationMethod.OAUTH);
        assertThat(registered.passwordHash()).as("no password").isNull();
        assertThat(registered.displayName()).isEqualTo("Grace Hopper");
        var linked = lastEvent(userId, ExternalIdentityLinked.class);
        assertThat(linked.provider()).isEqualTo("test");
        assertThat(linked.subject()).isEqualTo(subject);
        assertThat(linked.email()).isEqualTo(email);

        TestOidc.nextPerson("test", subject, person("changed-" + email, true));
        var again = exchange(signInThrough("test").get("code"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(subjectOf(again)).as("found by provider and subject").isEqualTo(UUID.fromString(userId));
        var session = lastEvent(again.json().path("session_id").asString(), SessionStarted.class);
        assertThat(session.method()).isEqualTo(SignInMethod.OAUTH);
        assertThat(session.userId()).isEqualTo(UUID.fromString(userId));
    }

    @Test
    void aSecondPersonWithTheSameNameGetsAnotherUsername() throws Exception {
        var claims = person(unique("ada") + "@example.org", true);
        claims.put("preferred_username", "ada-" + unique(""));
        TestOidc.nextPerson("test", unique("sub"), claims);
        var first = exchange(signInThrough("test").get("code"));
        var second = new HashMap<>(claims);
        second.put("email", unique("ada") + "@example.org");
        TestOidc.nextPerson("test", unique("sub"), second);
        var other = exchange(signInThrough("test").get("code"));

        var firstName = TokenContents.claims(first.json().path("access_token").asString())
                .get("preferred_username", String.class);
        var otherName = TokenContents.claims(other.json().path("access_token").asString())
                .get("preferred_username", String.class);
        assertThat(firstName).isEqualTo(claims.get("preferred_username"));
        assertThat(otherName)
                .startsWith(firstName + "-")
                .isNotEqualTo(firstName)
                .matches("[a-z0-9._-]{3,32}");
    }

    @Test
    void theOneTimeCodeWorksOnceAndNotAfterItExpires() {
        TestOidc.nextPerson("test", unique("sub"), person(unique("once") + "@example.org", true));
        var code = signInThrough("test").get("code");
        assertThat(exchange(code).status()).isEqualTo(200);
        var reused = exchange(code);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("code").asString()).isEqualTo("invalid_token");
        assertThat(exchange("not-a-code").json().path("code").asString()).isEqualTo("invalid_token");
        assertThat(http.post("/api/v1/auth/oauth/token", "{}").status()).isEqualTo(400);

        TestOidc.nextPerson("test", unique("sub"), person(unique("late") + "@example.org", true));
        var late = signInThrough("test").get("code");
        jdbc.update("UPDATE oauth_codes SET expires_at = now() - interval '1 second' WHERE consumed_at IS NULL");
        assertThat(exchange(late).json().path("code").asString()).isEqualTo("invalid_token");
    }

    @Test
    void twoExchangesOfOneCodeAtOnceGiveOneSession() throws Exception {
        TestOidc.nextPerson("test", unique("sub"), person(unique("race") + "@example.org", true));
        var code = signInThrough("test").get("code");
        var pool = Executors.newFixedThreadPool(6);
        try {
            var answers = new ArrayList<Future<Http.Response>>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> exchange(code)));
            }
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRequestsAreClearErrors() {
        assertThat(http.post("/api/v1/auth/oauth/token", "[]")
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("malformed_request");
        assertThat(http.post("/api/v1/auth/oauth/token", Map.of("code", 123))
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("invalid_token");
        assertThat(callback("test", Map.of("state", "x".repeat(5000), "code", "c"))
                        .status())
                .isEqualTo(400);
        var name = unique("malformed");
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        var noAddress = http.post("/api/v1/users/me/identities/test", "{}", auth);
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.json().path("code").asString()).isEqualTo("validation_failed");
        var longState =
                http.get("/api/v1/auth/oauth/test/authorize?redirect_uri=" + encode(APP) + "&state=" + "s".repeat(600));
        assertThat(longState.json().path("errors").get(0).path("field").asString())
                .isEqualTo("state");
    }

    @Test
    void theStartIsCheckedBeforeAnyoneGoesToTheProvider() {
        var notAllowed =
                http.get("/api/v1/auth/oauth/test/authorize?redirect_uri=" + encode("https://evil.example/signed-in"));
        assertThat(notAllowed.status()).isEqualTo(400);
        assertThat(notAllowed.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(notAllowed.json().path("errors").get(0).path("field").asString())
                .isEqualTo("redirect_uri");
        assertThat(http.get("/api/v1/auth/oauth/test/authorize?redirect_uri=" + encode(APP + "/more"))
                        .status())
                .as("exact match only")
                .isEqualTo(400);
        assertThat(http.get("/api/v1/auth/oauth/test/authorize").status()).isEqualTo(400);
        var unknown = http.get("/api/v1/auth/oauth/nobody/authorize?redirect_uri=" + encode(APP));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asString()).isEqualTo("not_found");
        var providers = http.get("/api/v1/auth/oauth/providers").json().path("items");
        assertThat(providers.findValuesAsString("id")).containsExactly("other", "test");
        assertThat(providers.findValuesAsString("displayName"))
                .as("the configured name, else the id with a capital")
                .containsExactly("Other", "Test Login");
    }

    @Test
    void aTamperedOrReplayedStateNeverSignsAnyoneIn() {
        TestOidc.nextPerson("test", unique("sub"), person(unique("st") + "@example.org", true));
        var started = authorize("test");
        var fromProvider = TestOidc.atProvider(started.header("Location"));
        var tampered = new HashMap<>(fromProvider);
        tampered.put("state", fromProvider.get("state") + "x");
        var refused = callback("test", tampered);
        assertThat(refused.status()).as("no flow, so nowhere to redirect").isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(callback("test", Map.of("code", "abc")).status()).isEqualTo(400);

        var elsewhere = callback("other", fromProvider);
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(TestOidc.query(elsewhere.header("Location")))
                .containsEntry("error", "invalid_request")
                .doesNotContainKey("code");
        var replayed = callback("test", fromProvider);
        assertThat(TestOidc.query(replayed.header("Location")))
                .as("the state was spent by the first callback")
                .containsEntry("error", "invalid_request")
                .doesNotContainKey("code");
    }

    @Test
    void pkceStopsACodeFromBeingUsedInAnotherFlow() {
        var email = unique("pkce") + "@example.org";
        TestOidc.nextPerson("test", unique("sub"), person(email, true));
        var victim = TestOidc.atProvider(authorize("test").header("Location"));
        var attacker = TestOidc.atProvider(authorize("test").header("Location"));
        var swapped = Map.of("code", victim.get("code"), "state", attacker.get("state"));

        var answer = TestOidc.query(callback("test", swapped).header("Location"));
        assertThat(answer).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(jdbc.queryForList("SELECT 1 FROM accounts WHERE email = ?", email))
                .isEmpty();
    }

    @Test
    void anIdTokenThatIsNotForUsIsRefused() {
        var cases = Map.<String, Map<String, Object>>of(
                "nonce", Map.of("nonce", "forged"),
                "issuer", Map.of("iss", "https://evil.example/"),
                "audience", Map.of("aud", "someone-else"));
        for (var forged : cases.entrySet()) {
            var email = unique(forged.getKey()) + "@example.org";
            var claims = person(email, true);
            claims.putAll(forged.getValue());
            TestOidc.nextPerson("test", unique("sub"), claims);
            assertThat(signInThrough("test"))
                    .as(forged.getKey())
                    .containsEntry("error", "invalid_request")
                    .doesNotContainKey("code");
            assertThat(jdbc.queryForList("SELECT 1 FROM accounts WHERE email = ?", email))
                    .isEmpty();
        }
        var email = unique("expired") + "@example.org";
        TestOidc.nextPerson("test", unique("sub"), person(email, true), -300);
        assertThat(signInThrough("test"))
                .containsEntry("error", "invalid_request")
                .doesNotContainKey("code");
        assertThat(jdbc.queryForList("SELECT 1 FROM accounts WHERE email = ?", email))
                .isEmpty();
    }

    @Autowired
    OidcProviders providers;

    @Test
    void anIdTokenMustBeSignedByTheProvidersKeyAndIssuedToUs() throws Exception {
        var provider = providers.discover("test", providers.configured("test").orElseThrow());
        var claims = new HashMap<String, Object>(
                Map.of("iss", TestOidc.issuer("test"), "sub", "s-1", "aud", TestOidc.CLIENT_ID, "nonce", "n-1"));
        assertThat(providers
                        .check(provider, SignedJWT.parse(TestOidc.signedBy("test", claims)), "n-1")
                        .subject())
                .as("the genuine token passes")
                .isEqualTo("s-1");
        var foreignKey = SignedJWT.parse(TestOidc.signedBy("other", claims));
        assertThatThrownBy(() -> providers.check(provider, foreignKey, "n-1")).isInstanceOf(OAuthFailure.class);
        claims.put("azp", "another-client");
        var otherClient = SignedJWT.parse(TestOidc.signedBy("test", claims));
        assertThatThrownBy(() -> providers.check(provider, otherClient, "n-1"))
                .isInstanceOf(OAuthFailure.class)
                .hasMessageContaining("another client");
    }

    @Test
    void aProviderThatSaysNoEndsTheFlowWithAnError() {
        var started = authorize("test");
        var state = TestOidc.query(started.header("Location")).get("state");
        var answer = TestOidc.query(callback(
                        "test",
                        Map.of("state", state, "error", "access_denied", "error_description", "the user cancelled"))
                .header("Location"));
        assertThat(answer)
                .containsEntry("error", "access_denied")
                .containsEntry("state", "app-state-1")
                .doesNotContainKey("code");
        var noCode = TestOidc.query(callback(
                        "test",
                        Map.of(
                                "state",
                                TestOidc.query(authorize("test").header("Location"))
                                        .get("state")))
                .header("Location"));
        assertThat(noCode).containsEntry("error", "invalid_request");
    }

    @Test
    void anAddressLinksAnExistingAccountOnlyWhenBothSidesVerifiedIt() throws Exception {
        var name = unique("verified");
        register(name);
        var email = name + "@example.com";
        var userId = UUID.fromString(
                jdbc.queryForObject("SELECT user_id::text FROM accounts WHERE username = ?", String.class, name));

        TestOidc.nextPerson("test", unique("sub"), person(email, true));
        assertThat(signInThrough("test"))
                .as("our side has not verified the address")
                .containsEntry("error", "access_denied");
        var token = TestSmtp.verificationToken(TestSmtp.awaitMessages(email, 1).get(0));
        assertThat(http.post("/api/v1/email-verification", Map.of("token", token))
                        .status())
                .isEqualTo(204);

        TestOidc.nextPerson("test", unique("sub"), person(email, false));
        var unverified = exchange(signInThrough("test").get("code"));
        assertThat(subjectOf(unverified))
                .as("the provider has not verified it: no auto-link, another account")
                .isNotEqualTo(userId);
        assertThat(storedEvents(userId.toString())).noneMatch(e -> e.getPayload() instanceof ExternalIdentityLinked);

        TestOidc.nextPerson("other", unique("sub"), person(email, true));
        var untrusted = exchange(signInThrough("other").get("code"));
        assertThat(subjectOf(untrusted))
                .as("a provider not trusted for addresses never links by address")
                .isNotEqualTo(userId);
        assertThat(storedEvents(userId.toString())).noneMatch(e -> e.getPayload() instanceof ExternalIdentityLinked);

        var subject = unique("sub");
        TestOidc.nextPerson("test", subject, person(email.toUpperCase(), true));
        var tokens = exchange(signInThrough("test").get("code"));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(subjectOf(tokens)).isEqualTo(userId);
        assertThat(lastEvent(userId.toString(), ExternalIdentityLinked.class).subject())
                .isEqualTo(subject);
        assertThat(login(name).status()).as("the password still works").isEqualTo(200);
        var notice = TestSmtp.awaitMessages(email, 2).get(1);
        assertThat(notice.getSubject())
                .as("the owner of the address hears of the new link")
                .startsWith("A sign-in was added");
        assertThat(TestSmtp.part(notice, "text/plain")).contains("test");
    }

    @Test
    void anAddressTheProviderDidNotVerifyIsNotTheAccounts() throws Exception {
        var email = unique("unverified") + "@example.org";
        TestOidc.nextPerson("test", unique("sub"), person(email, false));
        var tokens = exchange(signInThrough("test").get("code"));
        assertThat(tokens.status()).isEqualTo(200);
        var claims = TokenContents.claims(tokens.json().path("access_token").asString());
        assertThat(claims.get("email_verified", Boolean.class)).isFalse();
        assertThat(claims.get("email")).as("the account has no address").isNull();
        assertThat(lastEvent(claims.getSubject(), UserRegistered.class).email()).isNull();
        assertThat(lastEvent(claims.getSubject(), ExternalIdentityLinked.class).email())
                .as("the provider's word is kept with the link only")
                .isEqualTo(email);
        assertThat(jdbc.queryForList("SELECT 1 FROM accounts WHERE email_key = ?", email))
                .isEmpty();
        assertThat(register(unique("owner"), email).status())
                .as("the address stays free for its owner")
                .isEqualTo(201);

        TestOidc.nextPerson("test", unique("sub"), new HashMap<>(Map.of("name", "Nameless Person")));
        var noEmail = exchange(signInThrough("test").get("code"));
        assertThat(noEmail.status()).as("an account needs no address").isEqualTo(200);
        assertThat(TokenContents.claims(noEmail.json().path("access_token").asString())
                        .get("preferred_username", String.class))
                .startsWith("namelessperson");
    }

    @Test
    void aProviderNotTrustedForAddressesMakesAccountsWithoutOne() throws Exception {
        var email = unique("pre-hijack") + "@example.org";
        TestOidc.nextPerson("other", unique("sub"), person(email, true));
        var tokens = exchange(signInThrough("other").get("code"));
        assertThat(tokens.status()).isEqualTo(200);
        var claims = TokenContents.claims(tokens.json().path("access_token").asString());
        assertThat(claims.get("email")).isNull();
        assertThat(claims.get("email_verified", Boolean.class)).isFalse();
        var userId = claims.getSubject();
        assertThat(lastEvent(userId, UserRegistered.class).email()).isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT email IS NULL AND email_key IS NULL FROM accounts WHERE user_id = ?",
                        Boolean.class,
                        UUID.fromString(userId)))
                .isTrue();
        assertThat(http.post(
                                "/api/v1/email-verification/resend",
                                Map.of(),
                                bearer(tokens.json().path("access_token").asString()))
                        .status())
                .isEqualTo(202);
        assertThat(TestSmtp.messagesTo(email))
                .as("no mail to an address that is not the account's")
                .isEmpty();

        var registered = register(unique("owner"), email);
        assertThat(registered.status())
                .as("the owner of the address registers it")
                .isEqualTo(201);
        TestOidc.nextPerson("other", unique("sub"), person(email, true));
        assertThat(subjectOf(exchange(signInThrough("other").get("code"))).toString())
                .as("nor does it find the owner's account")
                .isNotEqualTo(registered.json().path("userId").asString());

        var trusted = unique("trusted") + "@example.org";
        TestOidc.nextPerson("test", unique("sub"), person(trusted, true));
        var trustedClaims = TokenContents.claims(exchange(signInThrough("test").get("code"))
                .json()
                .path("access_token")
                .asString());
        assertThat(trustedClaims.get("email", String.class))
                .as("trusted and verified: kept")
                .isEqualTo(trusted);
        assertThat(trustedClaims.get("email_verified", Boolean.class)).isTrue();
        assertThat(register(unique("late"), trusted).status()).isEqualTo(409);
    }

    @Test
    void anAccountWithoutAnAddressAddsOneByProvingIt() throws Exception {
        TestOidc.nextPerson("other", unique("sub"), person(unique("given") + "@example.org", true));
        var tokens = exchange(signInThrough("other").get("code"));
        var auth = bearer(tokens.json().path("access_token").asString());
        var userId = subjectOf(tokens).toString();
        var address = unique("own") + "@example.org";
        assertThat(http.post("/api/v1/users/me/email", Map.of("newEmail", address), auth)
                        .status())
                .as("a fresh sign-in stands in for the password it does not have")
                .isEqualTo(202);
        var token =
                TestSmtp.verificationToken(TestSmtp.awaitMessages(address, 1).get(0));
        assertThat(http.post("/api/v1/email-verification", Map.of("token", token))
                        .status())
                .isEqualTo(204);
        var changed = lastEvent(userId, EmailChanged.class);
        assertThat(changed.previousEmail()).isNull();
        assertThat(changed.email()).isEqualTo(address);
        assertThat(jdbc.queryForObject(
                        "SELECT email_verified FROM accounts WHERE email_key = ?", Boolean.class, address))
                .isTrue();
    }

    private Http.Response register(String username, String email) {
        return http.post("/api/v1/registrations", Map.of("username", username, "email", email, "password", PASSWORD));
    }

    @Test
    void anAddressKeptOutOfTheIdTokenIsReadFromUserInfo() throws Exception {
        var email = unique("userinfo") + "@example.org";
        TestOidc.nextPersonWithUserInfo(
                "test", unique("sub"), Map.of("name", "Mary Jackson"), Map.of("email", email, "email_verified", true));
        var tokens = exchange(signInThrough("test").get("code"));
        assertThat(tokens.status()).isEqualTo(200);
        var claims = TokenContents.claims(tokens.json().path("access_token").asString());
        assertThat(claims.get("email", String.class)).isEqualTo(email);
        assertThat(claims.get("email_verified", Boolean.class)).isTrue();
    }

    @Test
    void aSignedInUserLinksAndUnlinksProvidersButNeverTheLastWayIn() throws Exception {
        var name = unique("linker");
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        var userId = UUID.fromString(
                jdbc.queryForObject("SELECT user_id::text FROM accounts WHERE username = ?", String.class, name));

        var subject = unique("sub");
        TestOidc.nextPerson("other", subject, person(unique("elsewhere") + "@example.org", false));
        var back = throughProvider("other", startLink("other", PASSWORD, auth));
        assertThat(back)
                .containsKey("link_code")
                .containsEntry("state", "link-state")
                .doesNotContainKey("code");
        assertThat(linkedAny(userId)).as("the callback links nothing").isFalse();
        assertThat(completeLink("other", back.get("link_code"), auth).status()).isEqualTo(204);
        assertThat(lastEvent(userId.toString(), ExternalIdentityLinked.class).provider())
                .isEqualTo("other");

        TestOidc.nextPerson("other", subject, person(unique("whatever") + "@example.org", false));
        assertThat(subjectOf(exchange(signInThrough("other").get("code"))))
                .as("the linked account signs in")
                .isEqualTo(userId);

        assertThat(http.delete("/api/v1/users/me/identities/other", auth).status())
                .isEqualTo(204);
        assertThat(lastEvent(userId.toString(), ExternalIdentityUnlinked.class).subject())
                .isEqualTo(subject);
        var again = http.delete("/api/v1/users/me/identities/other", auth);
        assertThat(again.status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/users/me/identities/other").status()).isEqualTo(401);
        assertThat(startLink("nobody", PASSWORD, auth).status()).isEqualTo(404);

        TestOidc.nextPerson("test", unique("sub"), person(unique("only") + "@example.org", true));
        var oauthOnly = bearer(exchange(signInThrough("test").get("code"))
                .json()
                .path("access_token")
                .asString());
        var last = http.delete("/api/v1/users/me/identities/test", oauthOnly);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().path("code").asString()).isEqualTo("conflict");
    }

    @Test
    void aLinkFlowLinksOnlyForTheUserWhoStartedIt() throws Exception {
        var attacker = unique("starter");
        register(attacker);
        var attackerAuth = bearer(login(attacker).json().path("access_token").asString());
        var victim = unique("victim");
        register(victim);
        var victimAuth = bearer(login(victim).json().path("access_token").asString());

        // the attacker starts a flow and sends its address to the victim, who signs in at the provider there
        TestOidc.nextPerson("test", unique("sub"), person(unique("victims") + "@example.org", true));
        var code = throughProvider("test", startLink("test", PASSWORD, attackerAuth))
                .get("link_code");
        assertThat(code).isNotBlank();
        var refused = completeLink("test", code, victimAuth);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("invalid_token");
        var late = completeLink("test", code, attackerAuth);
        assertThat(late.status())
                .as("a code presented by another user is spent")
                .isEqualTo(400);
        assertThat(late.json().path("code").asString()).isEqualTo("invalid_token");
        assertThat(linkedAny(userIdOf(attacker))).isFalse();
        assertThat(linkedAny(userIdOf(victim))).isFalse();

        // the starter's own flow, completed by them, links; once
        var subject = unique("sub");
        TestOidc.nextPerson("test", subject, person(unique("own") + "@example.org", true));
        var own = throughProvider("test", startLink("test", PASSWORD, attackerAuth))
                .get("link_code");
        var done = completeLink("test", own, attackerAuth);
        assertThat(done.status()).isEqualTo(204);
        assertThat(done.header("X-Event-Position")).isNotNull();
        assertThat(lastEvent(userIdOf(attacker).toString(), ExternalIdentityLinked.class)
                        .subject())
                .isEqualTo(subject);
        var reused = completeLink("test", own, attackerAuth);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("code").asString()).isEqualTo("invalid_token");
        assertThat(linkedAny(userIdOf(victim))).isFalse();

        var notice = TestSmtp.awaitMessages(attacker + "@example.com", 2).get(1);
        assertThat(notice.getSubject()).isEqualTo("A sign-in was added to your account for Identity");
        assertThat(TestSmtp.part(notice, "text/plain")).contains("an account at test was linked");
        assertThat(TestSmtp.messagesTo(victim + "@example.com")).hasSize(1);
    }

    @Test
    void aPasswordResetByMailNamesTheProvidersThatStillSignIn() throws Exception {
        var name = unique("reset");
        var email = name + "@example.com";
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        TestOidc.nextPerson("other", unique("sub"), person(unique("r") + "@example.org", true));
        var code = throughProvider("other", startLink("other", PASSWORD, auth)).get("link_code");
        assertThat(completeLink("other", code, auth).status()).isEqualTo(204);
        TestSmtp.awaitMessages(email, 2); // verification, link notice

        assertThat(http.post("/api/v1/password-reset", Map.of("email", email)).status())
                .isEqualTo(202);
        var token = TestSmtp.linkToken(TestSmtp.awaitMessages(email, 3).get(2), "/reset-password");
        assertThat(http.post(
                                "/api/v1/password-reset/confirm",
                                Map.of("token", token, "newPassword", "a brand new passphrase"))
                        .status())
                .isEqualTo(204);
        var done = TestSmtp.awaitMessages(email, 4).get(3);
        assertThat(done.getSubject()).isEqualTo("Your password for Identity was reset");
        assertThat(TestSmtp.part(done, "text/plain")).contains("still sign you in: other.");
        assertThat(TestSmtp.part(done, "text/html")).contains("other");
    }

    @Test
    void startingALinkNeedsTheCurrentPassword() {
        var name = unique("confirm");
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        for (var password : new String[] {"not the password", null}) {
            var refused = startLink("test", password, auth);
            assertThat(refused.status()).as(String.valueOf(password)).isEqualTo(400);
            assertThat(refused.json().path("code").asString()).isEqualTo("invalid_credentials");
            assertThat(refused.json().has("authorizationUrl")).isFalse();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM oauth_flows WHERE link_user_id = ?", Integer.class, userIdOf(name)))
                .as("no flow was started")
                .isZero();
        assertThat(http.post(
                                "/api/v1/users/me/identities/test",
                                Map.of("redirectUri", APP, "currentPassword", PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aLinkCodeWorksOnlyForItsProviderAndWithinItsTime() {
        var name = unique("codes");
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        TestOidc.nextPerson("other", unique("sub"), person(unique("o") + "@example.org", true));
        var otherCode =
                throughProvider("other", startLink("other", PASSWORD, auth)).get("link_code");
        var elsewhere = completeLink("test", otherCode, auth);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().path("code").asString()).isEqualTo("invalid_token");

        TestOidc.nextPerson("test", unique("sub"), person(unique("t") + "@example.org", true));
        var expiring =
                throughProvider("test", startLink("test", PASSWORD, auth)).get("link_code");
        jdbc.update(
                "UPDATE oauth_link_codes SET expires_at = now() - interval '1 second' WHERE user_id = ? "
                        + "AND consumed_at IS NULL",
                userIdOf(name));
        assertThat(completeLink("test", expiring, auth).json().path("code").asString())
                .isEqualTo("invalid_token");
        assertThat(completeLink("test", "made-up", auth).json().path("code").asString())
                .isEqualTo("invalid_token");
        assertThat(completeLink("test", expiring, new String[0]).status()).isEqualTo(401);
        assertThat(completeLink("nobody", "made-up", auth).status()).isEqualTo(404);
        assertThat(linkedAny(userIdOf(name))).isFalse();
        assertThat(jdbc.queryForList(
                        "SELECT identity FROM oauth_link_codes WHERE user_id = ?", byte[].class, userIdOf(name)))
                .as("the provider account is sealed")
                .allSatisfy(stored -> assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                        .doesNotContain("@example.org"));
    }

    @Test
    void aProviderAccountLinkedToOneUserCannotBeLinkedToAnother() {
        var subject = unique("sub");
        TestOidc.nextPerson("test", subject, person(unique("owner") + "@example.org", true));
        assertThat(exchange(signInThrough("test").get("code")).status()).isEqualTo(200);

        var name = unique("thief");
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        TestOidc.nextPerson("test", subject, person(unique("x") + "@example.org", true));
        assertThat(throughProvider("test", startLink("test", PASSWORD, auth)))
                .containsEntry("error", "access_denied")
                .doesNotContainKey("link_code");
    }

    @Test
    void withoutAPasswordAFreshSignInThroughTheProviderConfirmsASensitiveChange() {
        var email = unique("fresh") + "@example.org";
        TestOidc.nextPerson("test", unique("sub"), person(email, true));
        var tokens = exchange(signInThrough("test").get("code"));
        var auth = bearer(tokens.json().path("access_token").asString());
        var sessionId = UUID.fromString(tokens.json().path("session_id").asString());

        jdbc.update(
                "UPDATE session_registry SET started_at = now() - interval '1 hour' WHERE session_id = ?", sessionId);
        var stale = http.post(
                "/api/v1/users/me/password",
                Map.of("currentPassword", "", "newPassword", "a brand new passphrase"),
                auth);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().path("code").asString()).isEqualTo("invalid_credentials");

        jdbc.update("UPDATE session_registry SET started_at = now() WHERE session_id = ?", sessionId);
        assertThat(http.post("/api/v1/users/me/password", Map.of("newPassword", "a brand new passphrase"), auth)
                        .status())
                .isEqualTo(204);
        assertThat(http.post("/api/v1/auth/login", Map.of("login", email, "password", "a brand new passphrase"))
                        .status())
                .as("the account has a password now")
                .isEqualTo(200);
    }

    @Test
    void anAccountWithoutAPasswordCannotSignInWithOne() {
        var email = unique("nopass") + "@example.org";
        TestOidc.nextPerson("test", unique("sub"), person(email, true));
        assertThat(exchange(signInThrough("test").get("code")).status()).isEqualTo(200);
        var attempt = http.post("/api/v1/auth/login", Map.of("login", email, "password", ""));
        assertThat(attempt.status()).isEqualTo(401);
        assertThat(attempt.json().path("code").asString()).isEqualTo("invalid_credentials");
    }

    @Test
    void aPersonWithASecondFactorGivesItAfterTheProvidersSignInToo() throws Exception {
        var subject = unique("sub");
        var email = unique("mfa") + "@example.org";
        TestOidc.nextPerson("test", subject, person(email, true));
        var first = exchange(signInThrough("test").get("code"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var access = first.json().path("access_token").asString();
        // an account of the provider has no password: a fresh sign-in through it stands for one
        var setup = http.post("/api/v1/users/me/mfa/totp", Map.of("currentPassword", ""), Http.bearer(access));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        var key = setup.json().path("secret").asString();
        assertThat(http.post(
                                "/api/v1/users/me/mfa/totp/confirm",
                                Map.of(
                                        "code",
                                        AuthenticatorApp.code(key, Instant.now().minusSeconds(30))),
                                Http.bearer(access))
                        .status())
                .isEqualTo(200);

        TestOidc.nextPerson("test", subject, person(email, true));
        var second = exchange(signInThrough("test").get("code"));
        assertThat(second.status())
                .as("the provider's sign-in is not the second factor")
                .isEqualTo(403);
        assertThat(second.json().path("code").asString()).isEqualTo("mfa_required");
        var finished = http.post(
                "/api/v1/auth/mfa",
                Map.of(
                        "mfaToken",
                        second.json().path("mfaToken").asString(),
                        "totp",
                        AuthenticatorApp.code(key, Instant.now())));
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        var claims = Http.JSON.readTree(Base64.getUrlDecoder()
                .decode(finished.json().path("access_token").asString().split("\\.")[1]));
        assertThat(claims.path("amr").toString()).contains("fed", "otp", "mfa").doesNotContain("pwd");
    }
}
