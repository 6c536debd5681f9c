package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Registrations;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What keeps the pages safe, checked over plain HTTP: their headers and cookies, forms refused without the CSRF
 * token or from another origin (changing nothing), a forged session cookie worth nothing, every value escaped.
 */
class ConsolePagesTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final RunningSystem system = RunningSystem.get();
    private final HttpClient browser =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create(system.publicUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String origin, Map<String, String> form, String... headers)
            throws IOException, InterruptedException {
        var body = new StringBuilder();
        form.forEach((name, value) -> body.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
        var request = HttpRequest.newBuilder(URI.create(system.publicUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return browser.send(
                request.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(HttpResponse<String> page) {
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void pagesAnswerWithStrictHeadersAndCookies() throws Exception {
        var page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("identity_csrf=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        assertThat(page.body()).doesNotContain("<script>").contains("<label for=\"f-login\">");
        assertThat(page.body())
                .as("providers by their configured display name, else by their id with a capital")
                .contains("Continue with Elsewhere ID")
                .contains("Continue with Test")
                .doesNotContain("Continue with Elsewhere<");
    }

    /** A browser that prefers German gets the German pages; one whose languages have no translation, English. */
    @Test
    void pagesSpeakTheBrowsersLanguageWhereATranslationExists() throws Exception {
        var german = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("console/messages_de.properties")) {
            german.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        var inGerman = browser.send(
                HttpRequest.newBuilder(URI.create(system.publicUrl + "/login"))
                        .header("Accept-Language", "de-CH, de;q=0.9, en;q=0.5")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inGerman.body())
                .contains("<html lang=\"de\"")
                .contains(">" + german.getProperty("login.submit") + "<")
                .contains(german.getProperty("login.forgot"));
        assertThat(inGerman.headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).contains("Accept-Language"));
        var inFrench = browser.send(
                HttpRequest.newBuilder(URI.create(system.publicUrl + "/login"))
                        .header("Accept-Language", "fr-FR, fr;q=0.9")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inFrench.body()).contains("<html lang=\"en\"").contains("Forgot your password?");
    }

    @Test
    void aFormWithoutTheTokenOrFromElsewhereChangesNothing() throws Exception {
        var name = "csrf" + UUID.randomUUID().toString().substring(0, 8);
        var token = csrf(get("/signup"));
        var form = Map.of("username", name, "email", name + "@example.com", "password", PASSWORD);

        var withoutToken = post("/signup", system.publicUrl, form);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("This form has expired");
        var withToken = new HashMap<>(form);
        withToken.put("_csrf", token);
        assertThat(post("/signup", "https://evil.example", withToken).statusCode())
                .isEqualTo(403);
        withToken.put("_csrf", token + "x");
        assertThat(post("/signup", system.publicUrl, withToken).statusCode()).isEqualTo(403);
        withToken.put("_csrf", token);
        // a page of ours sends no referrer, so browsers send "Origin: null": their fetch metadata must say same-origin
        assertThat(post("/signup", "null", withToken, "Sec-Fetch-Site", "cross-site")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/signup", "null", withToken, "Sec-Fetch-Site", "same-site")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(
                                "/forgot-password",
                                "null",
                                Map.of("_csrf", token, "email", name + "@example.com"),
                                "Sec-Fetch-Site",
                                "same-origin")
                        .statusCode())
                .as("our own page's form")
                .isEqualTo(200);
        assertThat(system.command
                        .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                        .status())
                .as("no account was made")
                .isEqualTo(401);

        withToken.put("_csrf", token);
        var genuine = post("/signup", system.publicUrl, withToken);
        assertThat(genuine.statusCode()).isEqualTo(303);
        assertThat(genuine.headers().firstValue("Location")).contains("/login?done=registered");
    }

    @Test
    void aForgedSessionCookieIsNoSignIn() throws Exception {
        var forged = browser.send(
                HttpRequest.newBuilder(URI.create(system.publicUrl + "/account"))
                        .header("Cookie", "identity_session=" + "A".repeat(200))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(forged.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void whatUsersTypeIsShownEscaped() throws Exception {
        var name = "xss" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post(
                "/api/v1/registrations",
                Map.of(
                        "username",
                        name,
                        "email",
                        name + "@example.com",
                        "password",
                        PASSWORD,
                        "displayName",
                        "<script>alert(1)</script>"));
        var token = csrf(get("/login"));
        var signedIn = post("/login", system.publicUrl, Map.of("_csrf", token, "login", name, "password", PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        var account = get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert");
        assertThat(account.body()).doesNotContain(PASSWORD);
    }

    @Test
    void anUnknownInvitationLinkSaysSo() throws Exception {
        var link = get("/invitations/not-a-token");
        assertThat(link.statusCode()).isEqualTo(303);
        assertThat(link.headers().firstValue("Location")).contains("/invitations/open");
        var page = get("/invitations/open");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("This invitation link does not work");
    }

    @Test
    void anErrorInThePagesAddressIsNeverShownOnlyOurOwnMessage() throws Exception {
        var words = "Your account is locked, call +1 555 0100 now";
        var crafted = get("/oauth/complete?error=" + URLEncoder.encode(words, StandardCharsets.UTF_8)
                + "&error_description=" + URLEncoder.encode(words, StandardCharsets.UTF_8));
        assertThat(crafted.statusCode()).isEqualTo(400);
        assertThat(crafted.body())
                .doesNotContain("locked")
                .doesNotContain("555")
                .contains("The sign-in through the provider did not complete. Try again.");
        var known = get("/oauth/complete?error=access_denied&state=x");
        assertThat(known.body())
                .doesNotContain("access_denied")
                .contains(
                        "The sign-in through the provider did not complete: the provider or this service refused it.");
        var done = get("/login?done=" + URLEncoder.encode(words, StandardCharsets.UTF_8));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).doesNotContain("locked").doesNotContain("done.");

        var name = "err" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        assertThat(post(
                                "/login",
                                system.publicUrl,
                                Map.of("_csrf", csrf(get("/login")), "login", name, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(303);
        var linking = get("/account/identities?error=" + URLEncoder.encode(words, StandardCharsets.UTF_8));
        assertThat(linking.statusCode()).isEqualTo(200);
        assertThat(linking.body())
                .doesNotContain("locked")
                .doesNotContain("555")
                .contains("The provider account was not linked. Try again.");
    }

    @Test
    void wherePagesSayAMailIsOnItsWayTheyLinkTheInboxOfTheMailTheSystemCaught() throws Exception {
        var name = "inbox" + UUID.randomUUID().toString().substring(0, 8);
        var inbox = "href=\"" + system.inbox.url() + "\"";
        var token = csrf(get("/signup"));
        var signup = post(
                "/signup",
                system.publicUrl,
                Map.of("_csrf", token, "username", name, "email", name + "@example.com", "password", PASSWORD));
        assertThat(signup.headers().firstValue("Location")).contains("/login?done=registered");
        assertThat(get("/login?done=registered").body()).contains(inbox);
        assertThat(get("/login").body()).as("no mail on its way").doesNotContain(inbox);
        assertThat(post("/forgot-password", system.publicUrl, Map.of("_csrf", token, "email", name + "@example.com"))
                        .body())
                .contains("Check your email")
                .contains(inbox);
        assertThat(post("/login", system.publicUrl, Map.of("_csrf", token, "login", name, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(303);
        assertThat(get("/account?done=verification-sent").body()).contains(inbox);
        assertThat(get("/account?done=saved").body()).doesNotContain(inbox);
    }

    /** Signs a new person in with this client, with a company of theirs; the company's id. */
    private String signedInOwner(String name) throws Exception {
        var companyId = system.command
                .post("/api/v1/registrations", Registrations.withCompany(name, PASSWORD, "Plain " + name))
                .json()
                .path("companyId")
                .asString();
        assertThat(post(
                                "/login",
                                system.publicUrl,
                                Map.of("_csrf", csrf(get("/login")), "login", name, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(303);
        return companyId;
    }

    @Test
    void theConsoleNamesRolesAndCountsAsPeopleDoAndMarksThePageOneIsOn() throws Exception {
        var companyId = signedInOwner("plain" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(get("/account").body())
                .contains("<a href=\"/account\" aria-current=\"page\">")
                .doesNotContain("<a href=\"/account/security\" aria-current");
        assertThat(get("/account/companies").body())
                .contains(">Owner<")
                .doesNotContain("OWNER<")
                .contains("<a href=\"/account/companies\" aria-current=\"page\">");
        var company = get("/companies/" + companyId).body();
        assertThat(company)
                .contains(">1 member<")
                .doesNotContain("1 members")
                .contains(">Your role: Owner<")
                .doesNotContain("OWNER<")
                .contains("<option value=\"MEMBER\" selected=\"selected\">Member</option>")
                .contains("aria-current=\"page\">Details</a>")
                .as("the section")
                .contains("<a href=\"/account/companies\" aria-current=\"true\">");
        var members = get("/companies/" + companyId + "/members").body();
        assertThat(members)
                .contains(">Owner</td>")
                .contains("<option value=\"ADMIN\">Admin</option>")
                .contains("aria-current=\"page\">Members</a>")
                .doesNotContain("aria-current=\"page\">Details</a>");
    }

    @Test
    void theSettingsOfferTheirValidValuesAndTheApiStillDecides() throws Exception {
        signedInOwner("settings" + UUID.randomUUID().toString().substring(0, 8));
        var account = get("/account");
        assertThat(account.body())
                .contains("list=\"time-zones\"")
                .contains("<datalist id=\"time-zones\">")
                .contains("<option value=\"Europe/Paris\"></option>")
                .contains("list=\"languages\"")
                .contains("<option value=\"de-CH\" label=\"German (Switzerland)\">")
                .as("a way to the verification mail again")
                .contains("action=\"/account/verification\"");
        var token = csrf(account);
        var invalid = post(
                "/account/settings",
                system.publicUrl,
                Map.of("_csrf", token, "locale", "en-GB", "timezone", "Mars/Olympus_Mons"));
        assertThat(invalid.statusCode())
                .as("the API still decides what is valid")
                .isEqualTo(400);
        assertThat(invalid.body()).contains("IANA time zone");
        assertThat(post(
                                "/account/settings",
                                system.publicUrl,
                                Map.of("_csrf", token, "locale", "de-CH", "timezone", "Europe/Paris"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(get("/account").body())
                .contains("id=\"f-timezone\" name=\"timezone\" type=\"text\" value=\"Europe/Paris\"");
    }
}
