package io.identity.command.oidc;

import static io.identity.support.test.FormBrowser.encode;
import static io.identity.support.test.FormBrowser.fill;
import static io.identity.support.test.FormBrowser.pathOf;
import static io.identity.support.test.FormBrowser.query;
import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.identity.command.CommandSideTest;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.events.client.ConsentGranted;
import io.identity.events.client.ConsentRevocationReason;
import io.identity.events.client.ConsentRevoked;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.support.test.Eventually;
import io.identity.support.test.FormBrowser;
import io.identity.support.test.Http;
import io.identity.support.test.Registrations;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow with PKCE, over HTTP, as an application and a browser take it: a client registered
 * through {@code /oauth2/register}, the sign-in page, the consent page, the code, the token endpoint, and the
 * id_token checked with Nimbus against our published keys.
 */
class AuthorizationCodeFlowApiTest extends CommandSideTest {

    private static final String APP = "https://app.example.com/callback";
    private static final String ISSUER = "http://localhost:8081";

    /** The browser: its cookies, by name. */
    private FormBrowser browser;

    @BeforeEach
    void aBrowser() {
        browser = new FormBrowser(http);
    }

    private String registerClient(String method) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("client_name", "Engines Wiki");
        metadata.put("redirect_uris", List.of(APP));
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("scope", "openid profile email offline_access companies");
        metadata.put("token_endpoint_auth_method", method);
        var registered = http.post("/oauth2/register", metadata, bearer(REGISTRATION_TOKEN));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().toString();
    }

    private static String field(String json, String name) {
        return Http.JSON.readTree(json).path(name).asString();
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String authorize(String clientId, String verifier, String nonce) throws Exception {
        return authorize(clientId, verifier, nonce, "openid profile email", "");
    }

    /** An authorization request for the scopes, with more parameters ({@code &name=value…}) after the others. */
    private static String authorize(String clientId, String verifier, String nonce, String scope, String more)
            throws Exception {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + encode(APP)
                + "&scope=" + encode(scope) + "&state=st-123&nonce=" + nonce
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + more;
    }

    /** Authorize, sign in on the page, allow on the consent page: the redirect to the application. */
    private Map<String, String> signInAndAllow(String username, String authorize) {
        var first = browser.get(authorize);
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        var login = first.header("Location");
        assertThat(login).startsWith("/login?continue=");
        assertThat(URLDecoder.decode(login.substring("/login?continue=".length()), StandardCharsets.UTF_8))
                .isEqualTo(authorize);
        var page = browser.get(login);
        assertThat(page.status()).isEqualTo(200);
        var signedIn = browser.post("/login", fill(page.body(), Map.of("login", username, "password", PASSWORD)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo(authorize);
        var again = browser.get(signedIn.header("Location"));
        assertThat(again.status()).as(again.body()).isEqualTo(302);
        assertThat(URI.create(again.header("Location")).getPath()).isEqualTo("/oauth2/consent");
        var consent = browser.get(pathOf(again.header("Location")));
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        var allowed = browser.post("/oauth2/authorize", fill(consent.body(), Map.of("decision", "allow")));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(302);
        assertThat(allowed.header("Location")).startsWith(APP + "?");
        return query(allowed.header("Location"));
    }

    /** The token request's form that redeems a code ({@code grant_type=authorization_code}), without the client. */
    private static String redemption(String code, String redirectUri, String verifier) {
        return "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri)
                + "&code_verifier=" + verifier;
    }

    private Http.Response token(String form, String... headers) {
        return http.form("/oauth2/token", form, headers);
    }

    private JWTClaimsSet verified(String jwt) throws Exception {
        var keys = JWKSet.parse(http.get("/.well-known/jwks.json").body());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        return processor.process(jwt, null);
    }

    @Test
    void aPublicClientGetsAnIdTokenThroughTheCodeFlowWithPkceAndItsTokensCannotCallOurApi() throws Exception {
        var client = registerClient("none");
        var clientId = field(client, "client_id");
        var user = unique("oidc");
        var registered = register(user);
        assertThat(registered.status()).isEqualTo(201);
        var userId = registered.json().path("userId").asString();
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var nonce = "n-" + UUID.randomUUID();

        var answer = signInAndAllow(user, authorize(clientId, verifier, nonce));
        assertThat(answer)
                .containsEntry("state", "st-123")
                .containsEntry("iss", ISSUER)
                .containsKey("code");
        var code = answer.get("code");
        var redeem = redemption(code, APP, verifier) + "&client_id=" + clientId;

        var tokens = token(redeem);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).contains("no-store");
        var idToken = verified(tokens.json().path("id_token").asString());
        assertThat(idToken.getIssuer()).isEqualTo(ISSUER);
        assertThat(idToken.getAudience()).containsExactly(clientId);
        assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
        var sub = idToken.getSubject();
        assertThat(sub).isEqualTo(userId);
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(user);
        assertThat(idToken.getDateClaim("auth_time")).isNotNull();
        var sessionId = idToken.getStringClaim("sid");
        assertThat(lastEvent(sessionId, SessionStarted.class).method()).isEqualTo(SignInMethod.OIDC);
        assertThat(lastEvent(sessionId, SessionStarted.class).userId().toString())
                .isEqualTo(sub);

        var access = tokens.json().path("access_token").asString();
        var accessClaims = verified(access);
        assertThat(accessClaims.getAudience()).containsExactly(clientId).doesNotContain("identity");
        assertThat(accessClaims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(accessClaims.getStringClaim("sid")).isEqualTo(sessionId);
        assertThat(http.post("/api/v1/auth/logout", null, bearer(access)).status())
                .as("a client's token is not one for our own API")
                .isEqualTo(401);

        var again = token(redeem);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asString()).isEqualTo("invalid_grant");

        for (var column : List.of("code_hash", "access_hash", "id_token_hash")) {
            var stored = jdbc.queryForList(
                    "SELECT " + column + " FROM oidc_authorizations WHERE " + column + " IS NOT NULL", String.class);
            assertThat(stored)
                    .doesNotContain(code, access, tokens.json().path("id_token").asString());
        }
        assertThat(jdbc.queryForList("SELECT code_hash FROM oidc_authorizations", String.class))
                .contains(OpaqueTokens.hashHex(code));
        var rows = jdbc.queryForList("SELECT * FROM oidc_authorizations").toString();
        assertThat(rows).doesNotContain(code).doesNotContain(access).doesNotContain(verifier);
    }

    @Test
    void aCodeUsedTwiceEndsTheSessionItsTokensBelongTo() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n")).get("code");
        var redeem = redemption(code, APP, verifier) + "&client_id=" + clientId;
        var tokens = token(redeem);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var sessionId = verified(tokens.json().path("access_token").asString()).getStringClaim("sid");
        assertThat(jdbc.queryForObject(
                        "SELECT ended_at IS NULL FROM session_registry WHERE session_id = ?::uuid",
                        Boolean.class,
                        sessionId))
                .isTrue();

        assertThat(token(redeem).json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(jdbc.queryForObject(
                        "SELECT ended_at IS NOT NULL FROM session_registry WHERE session_id = ?::uuid",
                        Boolean.class,
                        sessionId))
                .as("every token issued from the code stops")
                .isTrue();
    }

    /**
     * Redemptions of one code at the same moment: exactly one gets tokens, and no other session stays live. A
     * redemption that comes after the winner's is a replay, which also ends the winner's session.
     */
    @Test
    void aCodeRedeemedSeveralTimesAtOnceGivesTokensOnce() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n")).get("code");
        var redeem = redemption(code, APP, verifier) + "&client_id=" + clientId;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(6);
        try {
            var answers = new ArrayList<Future<Http.Response>>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return token(redeem);
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).as("one redemption wins").containsOnlyOnce(200).containsOnly(200, 400);
        } finally {
            pool.shutdownNow();
        }
        var userId = jdbc.queryForObject("SELECT user_id FROM accounts WHERE username = ?", UUID.class, user);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM session_registry r JOIN domain_event_entry e "
                                + "ON e.aggregate_identifier = r.session_id::text "
                                + "WHERE r.user_id = ? AND r.ended_at IS NULL "
                                + "AND convert_from(e.payload, 'UTF8')::jsonb->>'method' = 'OIDC'",
                        Long.class,
                        userId))
                .as("no loser's session is live (the winner's may have ended: a use after it is a replay)")
                .isLessThanOrEqualTo(1);
    }

    /** An erased person's authorizations, tokens and consents go with them. */
    @Test
    void erasureForgetsWhatThePersonGrantedApplications() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n")).get("code");
        var tokens = token(redemption(code, APP, verifier) + "&client_id=" + clientId);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var userId = jdbc.queryForObject("SELECT user_id FROM accounts WHERE username = ?", UUID.class, user);
        var granted = "SELECT (SELECT count(*) FROM oidc_authorizations WHERE principal_name = ?) "
                + "+ (SELECT count(*) FROM oauth2_authorization_consent WHERE principal_name = ?)";
        assertThat(jdbc.queryForObject(granted, Long.class, userId.toString(), userId.toString()))
                .isGreaterThanOrEqualTo(2);

        var auth = bearer(login(user).json().path("access_token").asString());
        assertThat(http.post("/api/v1/users/me/erase", Map.of("currentPassword", PASSWORD), auth)
                        .status())
                .isEqualTo(204);
        assertThat(jdbc.queryForObject(granted, Long.class, userId.toString(), userId.toString()))
                .isZero();
        var revoked = lastEvent(consentId(userId.toString(), clientId), ConsentRevoked.class);
        assertThat(revoked.reason()).isEqualTo(ConsentRevocationReason.ERASED);
    }

    /**
     * A client's refresh token rotates; one rotated away and presented again was copied: it is {@code invalid_grant},
     * and the session ends, so the current refresh token stops working too (RFC 9700 §4.14).
     */
    @Test
    void aRotatedRefreshTokenPresentedAgainEndsTheSession() throws Exception {
        var client = registerClient("client_secret_basic");
        var clientId = field(client, "client_id");
        var credentials = basic(clientId, field(client, "client_secret"));
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n", "openid offline_access", ""))
                .get("code");
        var first = token(redemption(code, APP, verifier), "Authorization", credentials);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var sessionId = verified(first.json().path("access_token").asString()).getStringClaim("sid");
        var spent = first.json().path("refresh_token").asString();
        var second = token("grant_type=refresh_token&refresh_token=" + encode(spent), "Authorization", credentials);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        var current = second.json().path("refresh_token").asString();
        assertThat(current).isNotEqualTo(spent);

        var replayed = token("grant_type=refresh_token&refresh_token=" + encode(spent), "Authorization", credentials);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(jdbc.queryForObject(
                        "SELECT ended_at IS NOT NULL FROM session_registry WHERE session_id = ?::uuid",
                        Boolean.class,
                        sessionId))
                .as("the session of the copied token ends")
                .isTrue();
        assertThat(token("grant_type=refresh_token&refresh_token=" + encode(current), "Authorization", credentials)
                        .json()
                        .path("error")
                        .asString())
                .as("the current refresh token stops too")
                .isEqualTo("invalid_grant");
        assertThat(jdbc.queryForObject(
                        "SELECT convert_from(payload, 'UTF8')::jsonb->>'reason' FROM domain_event_entry "
                                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%SessionEnded'",
                        String.class, sessionId))
                .isEqualTo("REFRESH_TOKEN_REUSED");
    }

    /**
     * The person sees the applications they allowed, with the scopes, and revokes one: its refresh token stops, its
     * session ends, and the next sign-in asks for consent again.
     */
    @Test
    void aPersonListsTheApplicationsTheyAllowedAndRevokesOne() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n")).get("code");
        var tokens = token(redemption(code, APP, verifier) + "&client_id=" + clientId);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var sessionId = verified(tokens.json().path("access_token").asString()).getStringClaim("sid");
        var auth = bearer(login(user).json().path("access_token").asString());

        var listed = http.get("/api/v1/users/me/applications", auth).json().path("items");
        assertThat(listed.findValuesAsString("clientId")).containsExactly(clientId);
        assertThat(listed.get(0).path("name").asString()).isNotBlank();
        assertThat(listed.get(0).path("scopes").values())
                .extracting(n -> n.asString())
                .contains("openid");
        assertThat(http.get(
                                "/api/v1/users/me/applications",
                                bearer(tokens.json().path("access_token").asString()))
                        .status())
                .as("the application's own token cannot")
                .isEqualTo(401);

        assertThat(http.delete("/api/v1/users/me/applications/" + clientId, auth)
                        .status())
                .isEqualTo(204);
        assertThat(http.get("/api/v1/users/me/applications", auth)
                        .json()
                        .path("items")
                        .size())
                .isZero();
        assertThat(http.delete("/api/v1/users/me/applications/" + clientId, auth)
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "SELECT ended_at IS NOT NULL FROM session_registry WHERE session_id = ?::uuid",
                        Boolean.class,
                        sessionId))
                .isTrue();
        assertThat(tokens.json().path("refresh_token").isMissingNode()
                        || token("grant_type=refresh_token&client_id=" + clientId + "&refresh_token="
                                                + encode(tokens.json()
                                                        .path("refresh_token")
                                                        .asString()))
                                        .status()
                                != 200)
                .as("no refresh after the revocation")
                .isTrue();
    }

    /** The consent's stream: one per person and client, its id a name-based UUID of both. */
    private static String consentId(String userId, String clientId) {
        return UUID.nameUUIDFromBytes((userId + "\n" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Allowing on the consent page is the person's {@code ConsentGranted}; revoking from the connected applications
     * their {@code ConsentRevoked}; the next authorization asks again, and allowing again is another grant.
     */
    @Test
    void allowingAndRevokingAreTheConsentsEvents() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        var userId = register(user).json().path("userId").asString();
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        signInAndAllow(user, authorize(clientId, verifier, "n"));

        var consentId = consentId(userId, clientId);
        var granted = storedEvents(consentId);
        assertThat(granted).hasSize(1);
        assertThat(granted.get(0).getType()).isEqualTo("Consent");
        assertThat(granted.get(0).getMetaData().get("actorId"))
                .as("the person decided")
                .isEqualTo(userId);
        var grant = (ConsentGranted) granted.get(0).getPayload();
        assertThat(grant.consentId().toString()).isEqualTo(consentId);
        assertThat(grant.userId().toString()).isEqualTo(userId);
        assertThat(grant.clientId()).isEqualTo(clientId);
        assertThat(grant.scopes()).containsExactly("email", "openid", "profile");
        assertThat(jdbc.queryForObject(
                        "SELECT authorities FROM oauth2_authorization_consent "
                                + "WHERE registered_client_id = ? AND principal_name = ?",
                        String.class,
                        clientId,
                        userId))
                .isEqualTo("SCOPE_email,SCOPE_openid,SCOPE_profile");

        var auth = bearer(login(user).json().path("access_token").asString());
        var revoked = http.delete("/api/v1/users/me/applications/" + clientId, auth);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(revoked.header("X-Event-Position")).isNotNull();
        var revocation = lastEvent(consentId, ConsentRevoked.class);
        assertThat(revocation.reason()).isEqualTo(ConsentRevocationReason.BY_USER);
        assertThat(revocation.userId().toString()).isEqualTo(userId);
        assertThat(revocation.clientId()).isEqualTo(clientId);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM oauth2_authorization_consent WHERE principal_name = ?",
                        Long.class,
                        userId))
                .isZero();

        var again = browser.get(authorize(clientId, verifier, "n2"));
        assertThat(again.status()).as(again.body()).isEqualTo(302);
        assertThat(URI.create(again.header("Location")).getPath())
                .as("asked again")
                .isEqualTo("/oauth2/consent");
        var consent = browser.get(pathOf(again.header("Location")));
        var allowed = browser.post("/oauth2/authorize", fill(consent.body(), Map.of("decision", "allow")));
        assertThat(allowed.header("Location")).startsWith(APP + "?").contains("code=");
        assertThat(storedEvents(consentId))
                .extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("ConsentGranted", "ConsentRevoked", "ConsentGranted");

        var quiet = browser.get(authorize(clientId, verifier, "n3"));
        assertThat(quiet.header("Location"))
                .as("allowed already: no consent page, and no event")
                .startsWith(APP + "?");
        assertThat(storedEvents(consentId)).hasSize(3);
    }

    /** Deleting a client revokes, in the same transaction, every consent people gave it. */
    @Test
    void deletingAClientRevokesTheConsentsPeopleGaveIt() throws Exception {
        var client = registerClient("none");
        var clientId = field(client, "client_id");
        var user = unique("oidc");
        var userId = register(user).json().path("userId").asString();
        signInAndAllow(user, authorize(clientId, OpaqueTokens.generate() + OpaqueTokens.generate(), "n"));
        assertThat(lastEvent(consentId(userId, clientId), ConsentGranted.class).clientId())
                .isEqualTo(clientId);

        var deleted = http.delete("/oauth2/register/" + clientId, bearer(field(client, "registration_access_token")));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(lastEvent(consentId(userId, clientId), ConsentRevoked.class).reason())
                .isEqualTo(ConsentRevocationReason.CLIENT_DELETED);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM oauth2_authorization_consent WHERE registered_client_id = ?",
                        Long.class,
                        clientId))
                .isZero();
        var position = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%ConsentRevoked'",
                Long.class, consentId(userId, clientId));
        assertThat(Long.parseLong(deleted.header("X-Event-Position")))
                .as("one change: the deletion's position is its last event's")
                .isGreaterThanOrEqualTo(position);
    }

    /**
     * A static client configured with {@code consent: implicit} signs the person in without a consent page, and
     * authenticates with its configured secret, by basic or post; a wrong one is {@code invalid_client}.
     */
    @Test
    void aStaticClientWithImplicitConsentSkipsTheConsentPage() throws Exception {
        var portal = "https://portal.example.com/callback";
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var authorize = "/oauth2/authorize?response_type=code&client_id=engines-portal&redirect_uri=" + encode(portal)
                + "&scope=" + encode("openid email") + "&state=s-1&nonce=n-1&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256";
        var first = browser.get(authorize);
        assertThat(first.status()).isEqualTo(302);
        var page = browser.get(first.header("Location"));
        var signedIn = browser.post("/login", fill(page.body(), Map.of("login", user, "password", PASSWORD)));
        var answer = browser.get(signedIn.header("Location"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        assertThat(answer.header("Location")).as("no consent page").startsWith(portal + "?");
        var code = query(answer.header("Location")).get("code");
        var redeem = redemption(code, portal, verifier);
        assertThat(token(redeem + "&client_id=engines-portal&client_secret=wrong")
                        .status())
                .isEqualTo(401);
        var tokens = token(redeem + "&client_id=engines-portal&client_secret=" + encode(PORTAL_SECRET));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var idToken = verified(tokens.json().path("id_token").asString());
        assertThat(idToken.getAudience()).containsExactly("engines-portal");
        assertThat(idToken.getStringClaim("nonce")).isEqualTo("n-1");
    }

    @Test
    void aStaticClientsSettingsAreCheckedAtStartUp() {
        var portal = new OidcSettings.StaticClient(
                null, "s", List.of("https://portal.example.com/cb"), null, null, null, "implicit", null, null, false);
        assertThat(new OidcSettings(Map.of("portal", portal)).clients()).containsKey("portal");
        var firstParty = new OidcSettings.StaticClient(
                null, "s", List.of("https://portal.example.com/cb"), null, null, null, null, null, "identity", true);
        assertThat(new OidcSettings(Map.of("portal", firstParty))
                        .clients()
                        .get("portal")
                        .firstParty())
                .isTrue();
        var otherAudience = new OidcSettings.StaticClient(
                null, "s", List.of("https://portal.example.com/cb"), null, null, null, null, null, "billing", false);
        assertThatThrownBy(() -> new OidcSettings(Map.of("portal", otherAudience)))
                .hasMessageContaining("identity.oidc.clients.portal.audience");
        var badConsent = new OidcSettings.StaticClient(
                null, "s", List.of("https://portal.example.com/cb"), null, null, null, "maybe", null, null, false);
        assertThatThrownBy(() -> new OidcSettings(Map.of("portal", badConsent))).hasMessageContaining("consent");
        assertThatThrownBy(() -> new OidcSettings(Map.of("bad id!", portal))).hasMessageContaining("client id");
    }

    @Test
    void aConfidentialClientAuthenticatesWithItsSecretAndAWrongOneIsInvalidClient() throws Exception {
        var client = registerClient("client_secret_basic");
        var clientId = field(client, "client_id");
        var secret = field(client, "client_secret");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n", "openid offline_access", ""))
                .get("code");
        var redeem = redemption(code, APP, verifier);
        var wrong = token(redeem, "Authorization", basic(clientId, secret + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asString()).isEqualTo("invalid_client");
        var right = token(redeem, "Authorization", basic(clientId, secret));
        assertThat(right.status()).as(right.body()).isEqualTo(200);
        assertThat(right.json().path("refresh_token").asString()).isNotEmpty();

        var refreshed = token(
                "grant_type=refresh_token&refresh_token="
                        + encode(right.json().path("refresh_token").asString()),
                "Authorization",
                basic(clientId, secret));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        var sessionId =
                verified(refreshed.json().path("access_token").asString()).getStringClaim("sid");
        assertThat(sessionId)
                .isEqualTo(
                        verified(right.json().path("access_token").asString()).getStringClaim("sid"));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsThatCannotBeTrustedAreRefused() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        // signed in first, so that every refusal below is the authorization endpoint's own
        signInAndAllow(user, authorize(clientId, verifier, "n"));

        var unknown = browser.get(authorize(UUID.randomUUID().toString(), verifier, "n"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Location")).isNull();
        assertThat(unknown.header("Content-Type")).startsWith("text/html");

        var elsewhere =
                browser.get(authorize(clientId, verifier, "n").replace(encode(APP), encode("https://evil.example/cb")));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.header("Location")).isNull();

        var plain = browser.get(authorize(clientId, verifier, "n")
                .replace("code_challenge_method=S256", "code_challenge_method=plain"));
        assertThat(plain.status()).isEqualTo(302);
        assertThat(query(plain.header("Location")))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", "st-123")
                .doesNotContainKey("code");

        var noPkce = browser.get(authorize(clientId, verifier, "n").replaceAll("&code_challenge[^&]*", ""));
        assertThat(noPkce.status()).isEqualTo(302);
        assertThat(query(noPkce.header("Location"))).containsEntry("error", "invalid_request");
    }

    @Test
    void aDenialOnTheConsentPageIsAccessDenied() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var authorize = authorize(clientId, verifier, "n");
        var login = browser.get(authorize).header("Location");
        var page = browser.get(login);
        browser.post("/login", fill(page.body(), Map.of("login", user, "password", PASSWORD)));
        var consent = browser.get(pathOf(browser.get(authorize).header("Location")));
        var denied = browser.post("/oauth2/authorize", fill(consent.body(), Map.of("decision", "deny")));
        assertThat(denied.status()).isEqualTo(302);
        assertThat(query(denied.header("Location")))
                .containsEntry("error", "access_denied")
                .containsEntry("iss", ISSUER)
                .doesNotContainKey("code");
    }

    @Test
    void theSignInPageContinuesOnlyToOurOwnAuthorizationEndpoint() {
        var user = unique("oidc");
        register(user);
        var page = browser.get("/login?continue=" + encode("https://evil.example/oauth2/authorize?x=1"));
        assertThat(page.body()).doesNotContain("evil.example");
        var signedIn = browser.post(
                "/login",
                fill(page.body(), Map.of("login", user, "password", PASSWORD, "continue", "//evil.example/x")));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/account");
    }

    /** What the provider does not offer yet is not there, rather than there without the contract's rules. */
    @Test
    void endpointsNotOfferedAreNotFound() {
        var clientId = field(registerClient("none"), "client_id");
        for (var path : List.of("/oauth2/par", "/oauth2/jwks", "/oauth2/device_authorization")) {
            assertThat(http.form(path, "client_id=" + clientId).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(http.get("/userinfo").status()).isEqualTo(404);
        assertThat(http.get("/connect/logout").status()).isEqualTo(404);
    }

    @Test
    void discoveryNamesTheCodeFlowAndOurKeys() {
        var discovery = http.get("/.well-known/openid-configuration").json();
        assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(discovery.path("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(discovery.path("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(discovery.path("code_challenge_methods_supported").toString())
                .isEqualTo("[\"S256\"]");
        assertThat(discovery.path("id_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"RS256\"]");
        assertThat(discovery.path("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(discovery
                        .path("authorization_response_iss_parameter_supported")
                        .asBoolean())
                .isTrue();
        assertThat(discovery.path("token_endpoint_auth_methods_supported").toString())
                .contains("client_secret_basic", "client_secret_post", "none");
        assertThat(discovery.path("grant_types_supported").toString())
                .contains("authorization_code", "refresh_token", "client_credentials");
        assertThat(discovery.path("scopes_supported").toString()).contains("openid", "profile", "email");
        assertThat(discovery.path("userinfo_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/userinfo");
        assertThat(discovery.path("end_session_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/logout");
        assertThat(discovery.path("introspection_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/introspect");
        assertThat(discovery.path("revocation_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/revoke");
        assertThat(discovery.path("registration_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/register");
        assertThat(discovery.path("response_modes_supported").toString()).contains("query", "form_post");
        assertThat(discovery.path("scopes_supported").toString()).contains("offline_access", "companies");
        assertThat(discovery.path("claims_supported").toString()).contains("amr", "at_hash", "companies");
    }

    /** A confidential client's tokens for a new person who allowed the scopes: the token response. */
    private record Granted(String clientId, String secret, String userId, Http.Response tokens) {
        String access() {
            return tokens.json().path("access_token").asString();
        }

        String refresh() {
            return tokens.json().path("refresh_token").asString();
        }

        String idToken() {
            return tokens.json().path("id_token").asString();
        }
    }

    private Granted granted(String scope, String username, Http.Response registered) throws Exception {
        // a browser of its own
        browser.forget();
        var client = registerClient("client_secret_basic");
        var clientId = field(client, "client_id");
        var secret = field(client, "client_secret");
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(username, authorize(clientId, verifier, "n-1", scope, ""))
                .get("code");
        var tokens = token(redemption(code, APP, verifier), "Authorization", basic(clientId, secret));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return new Granted(clientId, secret, registered.json().path("userId").asString(), tokens);
    }

    private Granted granted(String scope) throws Exception {
        var user = unique("oidc");
        return granted(scope, user, register(user));
    }

    private Http.Response introspect(String token, String clientId, String secret) {
        return http.form("/oauth2/introspect", "token=" + encode(token), "Authorization", basic(clientId, secret));
    }

    @Test
    void userinfoTellsTheClaimsOfTheScopesGrantedUntilTheSessionEnds() throws Exception {
        var app = granted("openid profile email");
        var info = http.get("/oauth2/userinfo", "Authorization", "Bearer " + app.access());
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        assertThat(info.json().path("sub").asString()).isEqualTo(app.userId());
        assertThat(info.json().path("email").asString()).endsWith("@example.com");
        assertThat(info.json().path("email_verified").isBoolean()).isTrue();
        assertThat(info.json().path("preferred_username").asString()).startsWith("oidc");
        assertThat(info.json().has("companies")).as("not granted").isFalse();
        assertThat(info.json().path("updated_at").isNumber()).as(info.body()).isTrue();
        var posted = http.form("/oauth2/userinfo", "", "Authorization", "Bearer " + app.access());
        assertThat(posted.status()).as(posted.header("Location")).isEqualTo(200);

        var idToken = verified(app.idToken());
        assertThat(idToken.getStringListClaim("amr")).containsExactly("pwd");
        var digest = OpaqueTokens.hash(app.access());
        assertThat(idToken.getStringClaim("at_hash"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        assertThat(app.tokens().json().has("refresh_token"))
                .as("no offline_access, not first-party: no refresh token")
                .isFalse();

        // the person ends the session from their own list of sessions
        var sid = idToken.getStringClaim("sid");
        var own = login(usernameOf(app));
        assertThat(http.delete(
                                "/api/v1/sessions/" + sid,
                                bearer(own.json().path("access_token").asString()))
                        .status())
                .isEqualTo(204);
        var after = http.get("/oauth2/userinfo", "Authorization", "Bearer " + app.access());
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(introspect(app.access(), app.clientId(), app.secret())
                        .json()
                        .path("active")
                        .asBoolean())
                .isFalse();
        assertThat(http.get("/oauth2/userinfo").status()).as("no token").isEqualTo(401);
    }

    private String usernameOf(Granted app) throws Exception {
        return verified(app.idToken()).getStringClaim("preferred_username");
    }

    @Test
    void introspectionTellsAClientOfItsOwnTokensAndAResourceServerOfAny() throws Exception {
        var app = granted("openid profile offline_access");
        var own = introspect(app.access(), app.clientId(), app.secret());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        var claims = own.json();
        assertThat(claims.path("active").asBoolean()).isTrue();
        assertThat(claims.path("client_id").asString()).isEqualTo(app.clientId());
        assertThat(claims.path("sub").asString()).isEqualTo(app.userId());
        assertThat(claims.path("username").asString()).isEqualTo(usernameOf(app));
        assertThat(claims.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(claims.path("iss").asString()).isEqualTo(ISSUER);
        assertThat(claims.path("scope").asString()).contains("openid");
        assertThat(claims.has("exp") && claims.has("iat") && claims.has("jti") && claims.has("aud"))
                .isTrue();
        var refresh = introspect(app.refresh(), app.clientId(), app.secret()).json();
        assertThat(refresh.path("active").asBoolean()).isTrue();
        assertThat(refresh.path("sub").asString()).isEqualTo(app.userId());

        var other = granted("openid profile");
        assertThat(introspect(app.access(), other.clientId(), other.secret())
                        .json()
                        .toString())
                .as("another client learns nothing of it")
                .isEqualTo("{\"active\":false}");
        assertThat(introspect(app.access(), "resource-api", PORTAL_SECRET)
                        .json()
                        .path("active")
                        .asBoolean())
                .as("a resource server allowed to introspect any token")
                .isTrue();
        assertThat(introspect("not-a-token", app.clientId(), app.secret())
                        .json()
                        .toString())
                .isEqualTo("{\"active\":false}");
        assertThat(introspect(app.access(), app.clientId(), "wrong").status()).isEqualTo(401);
        assertThat(http.form("/oauth2/introspect", "token=" + encode(app.access()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void revokingARefreshTokenEndsItsSessionAndAForeignTokenIsLeftAlone() throws Exception {
        var app = granted("openid offline_access");
        var other = granted("openid offline_access");
        var foreign = http.form(
                "/oauth2/revoke",
                "token=" + encode(app.refresh()),
                "Authorization",
                basic(other.clientId(), other.secret()));
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(introspect(app.refresh(), app.clientId(), app.secret())
                        .json()
                        .path("active")
                        .asBoolean())
                .as("another client cannot revoke it")
                .isTrue();

        var revoked = http.form(
                "/oauth2/revoke",
                "token=" + encode(app.refresh()) + "&token_type_hint=refresh_token",
                "Authorization",
                basic(app.clientId(), app.secret()));
        assertThat(revoked.status()).isEqualTo(200);
        var refreshed = token(
                "grant_type=refresh_token&refresh_token=" + encode(app.refresh()),
                "Authorization",
                basic(app.clientId(), app.secret()));
        assertThat(refreshed.json().path("error").asString()).isEqualTo("invalid_grant");
        assertThat(introspect(app.access(), app.clientId(), app.secret())
                        .json()
                        .path("active")
                        .asBoolean())
                .isFalse();
        var sid = verified(app.idToken()).getStringClaim("sid");
        assertThat(jdbc.queryForObject(
                        "SELECT ended_at IS NOT NULL FROM session_registry WHERE session_id = ?::uuid",
                        Boolean.class,
                        sid))
                .as("its session ended")
                .isTrue();
        assertThat(http.form("/oauth2/revoke", "token=unknown", "Authorization", basic(app.clientId(), app.secret()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void companiesAndTheActiveCompanyOnRefresh() throws Exception {
        var user = unique("oidc");
        var registered = http.post("/api/v1/registrations", Registrations.withCompany(user, PASSWORD, "Co " + user));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var companyId = registered.json().path("companyId").asString();
        var app = granted("openid companies offline_access", user, registered);
        var companies = verified(app.idToken()).getListClaim("companies");
        assertThat(companies).hasSize(1);
        assertThat(companies.get(0).toString())
                .contains(companyId)
                .contains("Co " + user)
                .contains("OWNER");

        var active = token(
                "grant_type=refresh_token&refresh_token=" + encode(app.refresh()) + "&company_id=" + companyId,
                "Authorization",
                basic(app.clientId(), app.secret()));
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        var company = verified(active.json().path("access_token").asString()).getJSONObjectClaim("company");
        assertThat(company).containsEntry("id", companyId).containsEntry("role", "OWNER");

        var foreign = token(
                "grant_type=refresh_token&refresh_token="
                        + encode(active.json().path("refresh_token").asString()) + "&company_id=" + UUID.randomUUID(),
                "Authorization",
                basic(app.clientId(), app.secret()));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().path("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void promptNoneLoginAndFormPost() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var silent = browser.get(authorize(clientId, verifier, "n", "openid", "&prompt=none"));
        assertThat(silent.status()).isEqualTo(302);
        assertThat(query(silent.header("Location")))
                .containsEntry("error", "login_required")
                .containsEntry("state", "st-123")
                .containsEntry("iss", ISSUER);

        var user = unique("oidc");
        register(user);
        signInAndAllow(user, authorize(clientId, verifier, "n"));
        // signed in: prompt=none answers at once
        var quiet = browser.get(authorize(clientId, verifier, "n", "openid", "&prompt=none"));
        assertThat(query(quiet.header("Location"))).containsKey("code");

        // prompt=login asks for the password again, and then goes on
        var again = authorize(clientId, verifier, "n", "openid", "&prompt=login&login_hint=" + user);
        var asked = browser.get(again);
        assertThat(asked.header("Location")).startsWith("/login?continue=");
        var page = browser.get(asked.header("Location"));
        assertThat(page.body()).contains("value=\"" + user + "\"");
        var signedIn = browser.post("/login", fill(page.body(), Map.of("login", user, "password", PASSWORD)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.header("Location")).contains("login_after=");
        var answered = browser.get(signedIn.header("Location"));
        assertThat(answered.status()).isEqualTo(302);
        assertThat(query(answered.header("Location"))).containsKey("code");

        // max_age=0 too
        assertThat(browser.get(authorize(clientId, verifier, "n", "openid", "&max_age=0"))
                        .header("Location"))
                .startsWith("/login?continue=");

        var posted = browser.get(authorize(clientId, verifier, "n", "openid", "&response_mode=form_post"));
        assertThat(posted.status()).as(posted.header("Location")).isEqualTo(200);
        assertThat(posted.body())
                .contains("<form method=\"post\" action=\"" + APP + "\"")
                .contains("name=\"code\"")
                .contains("name=\"state\" value=\"st-123\"")
                .contains("name=\"iss\"");
        assertThat(posted.header("Content-Security-Policy")).contains("script-src 'sha256-");
    }

    @Test
    void logoutEndsTheSignInAndTheSessionsItStartedThenReturnsToTheApplication() throws Exception {
        var portal = "https://portal.example.com/callback";
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var authorize = "/oauth2/authorize?response_type=code&client_id=engines-portal&redirect_uri=" + encode(portal)
                + "&scope=" + encode("openid email") + "&state=s-1&nonce=n-1&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256";
        var first = browser.get(authorize);
        var page = browser.get(first.header("Location"));
        var signedIn = browser.post("/login", fill(page.body(), Map.of("login", user, "password", PASSWORD)));
        var code = query(browser.get(signedIn.header("Location")).header("Location"))
                .get("code");
        var tokens = token(redemption(code, portal, verifier) + "&client_id=engines-portal&client_secret="
                + encode(PORTAL_SECRET));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var access = tokens.json().path("access_token").asString();
        assertThat(verified(access).getAudience()).containsExactly("identity");
        assertThat(tokens.json().path("refresh_token").asString())
                .as("a first-party client gets a refresh token")
                .isNotEmpty();
        assertThat(http.get("/api/v1/users/me/applications", "Authorization", "Bearer " + access)
                        .status())
                .as("a first-party client's token calls our own API")
                .isEqualTo(200);

        var idToken = tokens.json().path("id_token").asString();
        var unregistered = browser.get("/oauth2/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + encode("https://evil.example/"));
        assertThat(unregistered.status()).as(unregistered.body()).isEqualTo(302);
        assertThat(unregistered.header("Location"))
                .as("never to a URI the client did not register")
                .isEqualTo("/login?done=signed-out");
        assertThat(Eventually.within(
                        Duration.ofSeconds(2),
                        () -> http.get("/api/v1/users/me/applications", "Authorization", "Bearer " + access)
                                        .status()
                                == 401))
                .as("the session it started ended, and its token stops within 2 s")
                .isTrue();
        var again = browser.get(authorize);
        assertThat(again.header("Location")).as("the browser is signed out").startsWith("/login?continue=");

        var forged = browser.get("/oauth2/logout?id_token_hint=forged");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.header("Location")).isNull();
    }

    @Test
    void logoutGoesBackToARegisteredUriWithState() throws Exception {
        var portal = "https://portal.example.com/callback";
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var authorize = "/oauth2/authorize?response_type=code&client_id=engines-portal&redirect_uri=" + encode(portal)
                + "&scope=openid&state=s-1&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        var page = browser.get(browser.get(authorize).header("Location"));
        var signedIn = browser.post("/login", fill(page.body(), Map.of("login", user, "password", PASSWORD)));
        var code = query(browser.get(signedIn.header("Location")).header("Location"))
                .get("code");
        var tokens = token(redemption(code, portal, verifier) + "&client_id=engines-portal&client_secret="
                + encode(PORTAL_SECRET));
        var out = browser.get(
                "/oauth2/logout?id_token_hint=" + tokens.json().path("id_token").asString()
                        + "&post_logout_redirect_uri=" + encode("https://portal.example.com/signed-out")
                        + "&state=bye&client_id=engines-portal");
        assertThat(out.status()).as(out.body()).isEqualTo(302);
        assertThat(out.header("Location")).isEqualTo("https://portal.example.com/signed-out?state=bye");
        assertThat(browser.cookies()).doesNotContainKey(SignInCookie.COOKIE);
    }

    @Test
    void aClientSpeaksForItselfWithClientCredentials() throws Exception {
        var answer = token("grant_type=client_credentials", "Authorization", basic("resource-api", PORTAL_SECRET));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().has("refresh_token")).isFalse();
        assertThat(answer.json().has("id_token")).isFalse();
        var claims = verified(answer.json().path("access_token").asString());
        assertThat(claims.getSubject()).isEqualTo("resource-api");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("resource-api");
        assertThat(introspect(answer.json().path("access_token").asString(), "resource-api", PORTAL_SECRET)
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
        var publicClient = field(registerClient("none"), "client_id");
        assertThat(token("grant_type=client_credentials&client_id=" + publicClient)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aPublicClientWithOfflineAccessRefreshesByItsIdAlone() throws Exception {
        var clientId = field(registerClient("none"), "client_id");
        var user = unique("oidc");
        register(user);
        var verifier = OpaqueTokens.generate() + OpaqueTokens.generate();
        var code = signInAndAllow(user, authorize(clientId, verifier, "n", "openid offline_access", ""))
                .get("code");
        var tokens = token(redemption(code, APP, verifier) + "&client_id=" + clientId);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var refresh = tokens.json().path("refresh_token").asString();
        assertThat(refresh).isNotEmpty();
        var refreshed = token("grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + encode(refresh));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        var otherClient = field(registerClient("none"), "client_id");
        var stolen = token("grant_type=refresh_token&client_id=" + otherClient + "&refresh_token="
                + encode(refreshed.json().path("refresh_token").asString()));
        assertThat(stolen.status()).as("bound to its client").isEqualTo(400);
    }
}
