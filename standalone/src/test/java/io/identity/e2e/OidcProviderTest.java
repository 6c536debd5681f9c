package io.identity.e2e;

import static io.identity.support.test.FormBrowser.encode;
import static io.identity.support.test.FormBrowser.fill;
import static io.identity.support.test.FormBrowser.pathOf;
import static io.identity.support.test.FormBrowser.query;
import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.identity.support.test.FormBrowser;
import io.identity.support.test.Http;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application signing its users in through the service, over HTTP against the running system: a client
 * registered through {@code /oauth2/register}, the authorization code flow with PKCE through the hosted sign-in and
 * consent pages, the id_token verified with Nimbus against the published keys, the session it started listed and
 * ended by its user; and the requests that must be refused.
 */
class OidcProviderTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String APP = "https://wiki.example.com/callback";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunningSystem system;
    private Http command;
    private Http query;
    private FormBrowser browser;

    @BeforeEach
    void system() {
        system = RunningSystem.get();
        command = system.command;
        query = system.query;
        browser = new FormBrowser(command);
    }

    private record Client(String id, String secret) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    private Client registerClient() {
        var registered = command.post(
                "/oauth2/register",
                Map.of(
                        "client_name",
                        "Engines Wiki",
                        "redirect_uris",
                        List.of(APP),
                        "grant_types",
                        List.of("authorization_code", "refresh_token"),
                        "scope",
                        "openid profile email offline_access"),
                bearer(RunningSystem.REGISTRATION_TOKEN));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return new Client(
                registered.json().path("client_id").asString(),
                registered.json().path("client_secret").asString());
    }

    private String newUser() {
        var username = "o" + UUID.randomUUID().toString().substring(0, 8);
        var registered = command.post(
                "/api/v1/registrations",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return username;
    }

    /** A page, or a form posted ({@code form} not null), in the test's browser. */
    private Http.Response browse(String path, String form) {
        return form == null ? browser.get(path) : browser.post(path, form);
    }

    private static String verifier() {
        var bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String authorize(String clientId, String redirect, String verifier, String method, String nonce)
            throws Exception {
        var challenge = "plain".equals(method)
                ? verifier
                : Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return "/oauth2/authorize?response_type=code&client_id=" + encode(clientId) + "&redirect_uri="
                + encode(redirect) + "&scope=" + encode("openid profile email offline_access") + "&state=s-42&nonce="
                + nonce
                + "&code_challenge=" + challenge + "&code_challenge_method=" + method;
    }

    private JWTClaimsSet verified(String jwt) throws Exception {
        var keys = JWKSet.parse(command.get("/.well-known/jwks.json").body());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        return processor.process(jwt, null);
    }

    @Test
    void anApplicationSignsAPersonInWithTheCodeFlowAndPkce() throws Exception {
        var client = registerClient();
        var username = newUser();
        var verifier = verifier();
        var nonce = "nonce-" + UUID.randomUUID();
        var authorize = authorize(client.id(), APP, verifier, "S256", nonce);

        var first = browse(authorize, null);
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.header("Location")).isEqualTo("/login?continue=" + encode(authorize));
        var signInPage = browse(first.header("Location"), null);
        assertThat(signInPage.status()).isEqualTo(200);
        assertThat(FormBrowser.forms(signInPage.body()))
                .as("the sign-in page has one form")
                .isEqualTo(1);
        var signedIn = browse("/login", fill(signInPage.body(), Map.of("login", username, "password", PASSWORD)));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo(authorize);
        var back = browse(signedIn.header("Location"), null);
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        var consentPage = browse(pathOf(back.header("Location")), null);
        assertThat(consentPage.status()).isEqualTo(200);
        assertThat(consentPage.body())
                .contains("name=\"decision\" value=\"allow\"", "name=\"decision\" value=\"deny\"");
        assertThat(consentPage.body())
                .as("the application by its name, what it may know in words")
                .contains("Engines Wiki wants to use your account")
                .contains("Your email address and whether it is verified")
                .doesNotContain(">email<");
        assertThat(consentPage.header("Content-Security-Policy"))
                .as("the decision's redirect goes on to the application's site")
                .contains("default-src 'none'")
                .doesNotContain("form-action");
        assertThat(browse("/oauth2/consent?client_id=unknown&state=s", null).status())
                .isEqualTo(400);
        var allowed = browse("/oauth2/authorize", fill(consentPage.body(), Map.of("decision", "allow")));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(302);
        assertThat(allowed.header("Location")).startsWith(APP + "?");
        var answer = query(allowed.header("Location"));
        assertThat(answer).containsEntry("state", "s-42").containsEntry("iss", system.publicUrl);

        var redeem = "grant_type=authorization_code&code=" + encode(answer.get("code")) + "&redirect_uri=" + encode(APP)
                + "&code_verifier=" + verifier;
        var tokens = command.form("/oauth2/token", redeem, "Authorization", client.basic());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).contains("no-store");
        var idToken = verified(tokens.json().path("id_token").asString());
        assertThat(idToken.getIssuer()).isEqualTo(system.publicUrl);
        assertThat(idToken.getAudience()).containsExactly(client.id());
        assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
        var login = command.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
        var own = verified(login.json().path("access_token").asString());
        assertThat(idToken.getSubject()).isEqualTo(own.getSubject());
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(username);

        var again = command.form("/oauth2/token", redeem, "Authorization", client.basic());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("error").asString())
                .as("a code works once")
                .isEqualTo("invalid_grant");
    }

    /**
     * The account console lists the applications the person allowed, by name, with what each may know in words,
     * and revokes one: its refresh token stops working, and the next sign-in asks for consent again.
     */
    @Test
    void thePersonSeesTheApplicationsTheyAllowedAndRevokesOne() throws Exception {
        var client = registerClient();
        var username = newUser();
        var verifier = verifier();
        var authorize = authorize(client.id(), APP, verifier, "S256", "n");
        var signInPage = browse(browse(authorize, null).header("Location"), null);
        var signedIn = browse("/login", fill(signInPage.body(), Map.of("login", username, "password", PASSWORD)));
        var consentPage =
                browse(pathOf(browse(signedIn.header("Location"), null).header("Location")), null);
        var allowed = browse("/oauth2/authorize", fill(consentPage.body(), Map.of("decision", "allow")));
        var code = query(allowed.header("Location")).get("code");
        var tokens = command.form(
                "/oauth2/token",
                "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(APP)
                        + "&code_verifier=" + verifier,
                "Authorization",
                client.basic());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

        var page = browse("/account/applications", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Engines Wiki")
                .contains("Your email address and whether it is verified")
                .contains("data-client=\"" + client.id() + "\"");
        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        var revoked = browse("/account/applications/" + client.id() + "/revoke", "_csrf=" + encode(csrf.group(1)));
        assertThat(revoked.status()).as(revoked.body()).isIn(302, 303);
        assertThat(browse("/account/applications", null).body()).doesNotContain("Engines Wiki");
        var refresh = command.form(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + encode(tokens.json().path("refresh_token").asString()),
                "Authorization",
                client.basic());
        assertThat(refresh.json().path("error").asString()).isEqualTo("invalid_grant");
        var askedAgain = browse(authorize(client.id(), APP, verifier(), "S256", "m"), null);
        assertThat(askedAgain.header("Location")).as("consent again").contains("/oauth2/consent");
    }

    @Test
    void aClientsTokensCannotCallTheServicesOwnApiAndItsSessionIsThePersonsToEnd() throws Exception {
        var client = registerClient();
        var username = newUser();
        var verifier = verifier();
        var authorize = authorize(client.id(), APP, verifier, "S256", "n");
        var signInPage = browse(browse(authorize, null).header("Location"), null);
        browse("/login", fill(signInPage.body(), Map.of("login", username, "password", PASSWORD)));
        var consentPage = browse(pathOf(browse(authorize, null).header("Location")), null);
        var code = query(browse("/oauth2/authorize", fill(consentPage.body(), Map.of("decision", "allow")))
                        .header("Location"))
                .get("code");
        var tokens = command.form(
                "/oauth2/token",
                "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(APP)
                        + "&code_verifier=" + verifier,
                "Authorization",
                client.basic());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var access = tokens.json().path("access_token").asString();
        assertThat(verified(access).getAudience()).containsExactly(client.id());
        assertThat(query.get("/api/v1/users/me", bearer(access)).status()).isEqualTo(401);
        assertThat(command.post("/api/v1/auth/logout", null, bearer(access)).status())
                .isEqualTo(401);

        var sessionId = verified(access).getStringClaim("sid");
        var own = command.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        String method = null;
        for (int i = 0; i < 50 && method == null; i++) {
            for (var session :
                    query.get("/api/v1/users/me/sessions", bearer(own)).json().path("items")) {
                if (session.path("sessionId").asString().equals(sessionId)) {
                    method = session.path("method").asString();
                }
            }
            if (method == null) {
                Thread.sleep(100);
            }
        }
        assertThat(method).as("the person sees the application's session").isEqualTo("OIDC");
        assertThat(command.delete("/api/v1/sessions/" + sessionId, bearer(own)).status())
                .isEqualTo(204);
        var refresh = command.form(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + encode(tokens.json().path("refresh_token").asString()),
                "Authorization",
                client.basic());
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void requestsThatCannotBeTrustedAreNeverRedirectedToOrAreRefused() throws Exception {
        var client = registerClient();
        var username = newUser();
        var verifier = verifier();
        var signInPage = browse(
                browse(authorize(client.id(), APP, verifier, "S256", "n"), null).header("Location"), null);
        browse("/login", fill(signInPage.body(), Map.of("login", username, "password", PASSWORD)));

        var unknown = browse(authorize(UUID.randomUUID().toString(), APP, verifier, "S256", "n"), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.header("Location")).isNull();
        assertThat(unknown.header("Content-Type")).startsWith("text/html");

        var elsewhere = browse(authorize(client.id(), "https://attacker.example/cb", verifier, "S256", "n"), null);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.header("Location")).as("never redirected to").isNull();

        var plain = browse(authorize(client.id(), APP, verifier, "plain", "n"), null);
        assertThat(plain.status()).isEqualTo(302);
        assertThat(query(plain.header("Location")))
                .containsEntry("error", "invalid_request")
                .doesNotContainKey("code");
    }

    @Test
    void theFirstPartyPasswordAndRefreshGrantsWorkAsBefore() {
        var username = newUser();
        var password = command.form(
                "/oauth2/token", "grant_type=password&username=" + username + "&password=" + encode(PASSWORD));
        assertThat(password.status()).as(password.body()).isEqualTo(200);
        assertThat(password.json().path("session_id").asString()).isNotBlank();
        var refreshed = command.form(
                "/oauth2/token",
                "grant_type=refresh_token&client_id=first-party&refresh_token="
                        + encode(password.json().path("refresh_token").asString()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(query.get(
                                "/api/v1/users/me",
                                bearer(refreshed.json().path("access_token").asString()))
                        .status())
                .isIn(200, 503);
    }
}
