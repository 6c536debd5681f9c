package io.identity.e2e;

import static io.identity.e2e.RunningSystem.PASSWORD;
import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.identity.support.test.AuthenticatorApp;
import io.identity.support.test.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An application on another site signs a person in through the provider as a browser meets it: a link on the
 * application's page, the hosted sign-in page, the consent page, back at the application with a code; then a
 * second application of the same person's, answered by a form posted to it ({@code response_mode=form_post}),
 * without the password again (single sign-on). The application is a small HTTP server of the test's on
 * {@code 127.0.0.1}, a site other than the provider's {@code localhost}.
 */
class OidcBrowserTest {

    private final RunningSystem system = RunningSystem.get();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The application: its start page links to the provider; its callback keeps what it was given. */
    static final class Application implements AutoCloseable {

        private final HttpServer server;
        final Map<String, String> received = new ConcurrentHashMap<>();
        volatile String signInLink;

        Application() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::start);
            server.createContext("/callback", this::callback);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        private void start(HttpExchange exchange) throws IOException {
            respond(
                    exchange,
                    "<!DOCTYPE html><html><head><title>Engines Wiki</title></head><body><h1>Engines Wiki</h1>"
                            + "<a id=\"sign-in\" href=\"" + signInLink.replace("&", "&amp;")
                            + "\">Sign in with Identity</a></body></html>");
        }

        private void callback(HttpExchange exchange) throws IOException {
            received.clear();
            var query = exchange.getRequestURI().getRawQuery();
            var form = "POST".equals(exchange.getRequestMethod())
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : null;
            received.put("method", exchange.getRequestMethod());
            for (var pairs : new String[] {query, form}) {
                if (pairs == null || pairs.isEmpty()) {
                    continue;
                }
                for (var pair : pairs.split("&")) {
                    var eq = pair.indexOf('=');
                    received.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            respond(
                    exchange,
                    "<!DOCTYPE html><html><head><title>Signed in</title></head><body><h1>Signed in</h1>"
                            + "</body></html>");
        }

        private static void respond(HttpExchange exchange, String html) throws IOException {
            var body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private String registerClient(String name, String redirectUri) {
        var registered = system.command.post(
                "/oauth2/register",
                Map.of(
                        "client_name",
                        name,
                        "redirect_uris",
                        List.of(redirectUri),
                        "token_endpoint_auth_method",
                        "none",
                        "scope",
                        "openid profile email"),
                bearer(RunningSystem.REGISTRATION_TOKEN));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().path("client_id").asString();
    }

    private static String random() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String authorize(String clientId, String redirectUri, String verifier, String more) throws Exception {
        var challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return system.publicUrl + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + encode(redirectUri) + "&scope=" + encode("openid profile email") + "&state=s-1&nonce=n-1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256" + more;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Redeems the code the application received: the id token's claims. */
    private Map<String, Object> redeem(Application app, String clientId, String verifier) {
        assertThat(app.received).containsEntry("state", "s-1").containsEntry("iss", system.publicUrl);
        var tokens = system.command.form(
                "/oauth2/token",
                "grant_type=authorization_code&code=" + encode(app.received.get("code")) + "&redirect_uri="
                        + encode(app.url("/callback")) + "&client_id=" + clientId + "&code_verifier=" + verifier);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        var idToken = tokens.json().path("id_token").asString();
        var payload = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8);
        var claims = new LinkedHashMap<String, Object>();
        Http.JSON
                .readTree(payload)
                .properties()
                .forEach(entry -> claims.put(entry.getKey(), entry.getValue().toString()));
        return claims;
    }

    @Test
    void anApplicationOnAnotherSiteSignsAPersonInThroughTheHostedPagesAndASecondOneWithoutThePassword()
            throws Exception {
        var username = "b" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post(
                "/api/v1/registrations",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var userId = registered.json().path("userId").asString();

        try (var app = new Application();
                var browser = new Browser(system.publicUrl)) {
            var wiki = registerClient("Engines Wiki", app.url("/callback"));
            var verifier = random();
            app.signInLink = authorize(wiki, app.url("/callback"), verifier, "");
            browser.open(app.url("/"));
            browser.follow(browser.find("#sign-in"));
            assertThat(browser.path()).startsWith("/login");
            browser.fill("Username or email", username)
                    .fill("Password", PASSWORD)
                    .press("Sign in");
            assertThat(browser.textOf("h1")).contains("Engines Wiki");
            browser.press("Allow");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().startsWith(app.url("/callback")));
            assertThat(browser.textOf("h1")).isEqualTo("Signed in");
            var first = redeem(app, wiki, verifier);
            assertThat(first.get("sub")).isEqualTo("\"" + userId + "\"");
            assertThat(first.get("aud").toString()).contains(wiki);

            // a second application: signed in already, so only its consent; its answer comes as a posted form
            var forum = registerClient("Engines Forum", app.url("/callback"));
            var second = random();
            app.signInLink = authorize(forum, app.url("/callback"), second, "&response_mode=form_post");
            browser.open(app.url("/"));
            browser.follow(browser.find("#sign-in"));
            assertThat(browser.textOf("h1")).as("no password asked").contains("Engines Forum");
            browser.press("Allow");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().startsWith(app.url("/callback"))
                            && "POST".equals(app.received.get("method")));
            assertThat(browser.textOf("h1")).isEqualTo("Signed in");
            var then = redeem(app, forum, second);
            assertThat(then.get("sub")).isEqualTo(first.get("sub"));
            assertThat(then.get("auth_time")).as("the same sign-in").isEqualTo(first.get("auth_time"));
            assertThat(then.get("sid")).as("a session per authorization").isNotEqualTo(first.get("sid"));
        }
    }

    @Test
    void aPersonWithAnAuthenticatorAppGivesItsCodeOnTheProvidersPagesAndTheIdTokenSaysSo() throws Exception {
        var username = "m" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post(
                "/api/v1/registrations",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        var access = system.command
                .post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        var secret = system.command
                .post("/api/v1/users/me/mfa/totp", Map.of("currentPassword", PASSWORD), bearer(access))
                .json()
                .path("secret")
                .asString();
        assertThat(system.command
                        .post(
                                "/api/v1/users/me/mfa/totp/confirm",
                                Map.of(
                                        "code",
                                        AuthenticatorApp.code(
                                                secret, Instant.now().minusSeconds(30))),
                                bearer(access))
                        .status())
                .isEqualTo(200);

        try (var app = new Application();
                var browser = new Browser(system.publicUrl)) {
            var wiki = registerClient("Engines Wiki", app.url("/callback"));
            var verifier = random();
            app.signInLink = authorize(wiki, app.url("/callback"), verifier, "");
            browser.open(app.url("/"));
            browser.follow(browser.find("#sign-in"));
            browser.fill("Username or email", username)
                    .fill("Password", PASSWORD)
                    .press("Sign in");
            assertThat(browser.textOf("h1")).isEqualTo("Two-step sign-in");
            browser.fill("Code", AuthenticatorApp.code(secret, Instant.now())).press("Continue");
            assertThat(browser.textOf("h1")).contains("Engines Wiki");
            browser.press("Allow");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().startsWith(app.url("/callback")));
            var claims = redeem(app, wiki, verifier);
            assertThat(claims.get("amr").toString()).contains("pwd", "otp", "mfa");
        }
    }
}
