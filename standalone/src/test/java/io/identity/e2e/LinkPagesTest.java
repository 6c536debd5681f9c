package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pages that emailed links open take the token out of the address at once: the link's GET answers a redirect
 * to the page's clean address and keeps the token in a short-lived, httpOnly, SameSite=Lax cookie for that page
 * only; the page then works from the cookie, and only its button spends the token (a mail scanner following the
 * link, any number of times, spends nothing).
 */
class LinkPagesTest {

    private static final String PASSWORD = "correct horse battery";

    private final RunningSystem system = RunningSystem.get();
    private final PageClient browser = new PageClient(system.publicUrl);

    /** Registers {@code owner} with a company of that name; its id. */
    private String companyOf(String owner, String company) {
        return system.command
                .post("/api/v1/registrations", Registrations.withCompany(owner, PASSWORD, company))
                .json()
                .path("companyId")
                .asString();
    }

    private String accessToken(String login) {
        return system.command
                .post("/api/v1/auth/login", Map.of("login", login, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
    }

    private HttpResponse<String> get(String path) {
        return browser.get(path);
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        return browser.post(path, form);
    }

    private static String csrf(HttpResponse<String> page) {
        return PageClient.csrf(page);
    }

    /** The link's GET: a redirect to the clean page, the token only in the page's own sealed cookie. */
    private void opensClean(String link, String token, String cleanPage, String cookie, String cookiePath)
            throws Exception {
        for (int scanner = 0; scanner < 2; scanner++) {
            var opened = get(link);
            assertThat(opened.statusCode()).isEqualTo(303);
            assertThat(opened.headers().firstValue("Location")).contains(cleanPage);
            assertThat(opened.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(opened.headers().allValues("Set-Cookie"))
                    .anySatisfy(set -> assertThat(set)
                            .startsWith(cookie + "=")
                            .contains("HttpOnly")
                            .contains("SameSite=Lax")
                            .contains("Path=" + cookiePath)
                            .containsPattern("Max-Age=[1-9]")
                            .doesNotContain(token));
        }
    }

    private String mailedToken(String address, String subject, String path) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> !Mails.to(system.mail, address, subject).isEmpty()))
                .as(subject)
                .isTrue();
        var mails = Mails.to(system.mail, address, subject);
        var link = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)")
                .matcher(Mails.text(mails.get(mails.size() - 1)));
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    @Test
    void theVerificationLinkRedirectsToACleanPageThatVerifies() throws Exception {
        var name = "lv" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(system.command
                        .post(
                                "/api/v1/registrations",
                                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        var token = mailedToken(name + "@example.com", "Confirm", "/verify-email");

        opensClean("/verify-email?token=" + token, token, "/verify-email", "identity_verify", "/verify-email");
        var page = get("/verify-email");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).doesNotContain(token).contains("Verify my address");

        var verified = post("/verify-email", Map.of("_csrf", csrf(page)));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(verified.body()).contains("Your email address is verified");
        assertThat(verified.headers().allValues("Set-Cookie"))
                .as("the spent token is forgotten")
                .anySatisfy(
                        set -> assertThat(set).startsWith("identity_verify=;").contains("Max-Age=0"));
        assertThat(system.command
                        .post("/api/v1/email-verification", Map.of("token", token))
                        .status())
                .as("spent by the button, once")
                .isEqualTo(400);
    }

    @Test
    void theResetLinkRedirectsToACleanPageThatSetsThePassword() throws Exception {
        var name = "lr" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        assertThat(system.command
                        .post("/api/v1/password-reset", Map.of("email", name + "@example.com"))
                        .status())
                .isEqualTo(202);
        var token = mailedToken(name + "@example.com", "Reset", "/reset-password");

        opensClean("/reset-password?token=" + token, token, "/reset-password", "identity_reset", "/reset-password");
        var page = get("/reset-password");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(token).contains("Set the password");
        var reset = post("/reset-password", Map.of("_csrf", csrf(page), "newPassword", "a whole new passphrase"));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(303);
        assertThat(reset.headers().firstValue("Location")).contains("/login?done=password-reset");
        assertThat(system.command
                        .post("/api/v1/auth/login", Map.of("login", name, "password", "a whole new passphrase"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theInvitationLinkRedirectsToACleanPageWhereTheInviteeJoins() throws Exception {
        var owner = "lo" + UUID.randomUUID().toString().substring(0, 8);
        var companyId = companyOf(owner, "Links " + owner);
        var auth = accessToken(owner);
        var invitee = "li" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThat(system.command
                        .post(
                                "/api/v1/companies/" + companyId + "/invitations",
                                Map.of("email", invitee),
                                "Authorization",
                                "Bearer " + auth)
                        .status())
                .isEqualTo(201);
        var token = Mails.invitationToken(system.mail, invitee);

        opensClean("/invitations/" + token, token, "/invitations/open", "identity_invitation", "/invitations");
        var page = get("/invitations/open");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .doesNotContain(token)
                .contains("Join Links " + owner)
                .contains("Pending");

        var name = "lj" + UUID.randomUUID().toString().substring(0, 8);
        var joined = post("/invitations/join", Map.of("_csrf", csrf(page), "username", name, "password", PASSWORD));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(303);
        assertThat(joined.headers().firstValue("Location")).contains("/login?done=joined");
        assertThat(system.command
                        .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSignedInInviteeAcceptsOnTheCleanPage() throws Exception {
        var owner = "la" + UUID.randomUUID().toString().substring(0, 8);
        var companyId = companyOf(owner, "Accept " + owner);
        var auth = accessToken(owner);
        var name = "lb" + UUID.randomUUID().toString().substring(0, 8);
        var invitee = name + "@example.org";
        system.command.post("/api/v1/registrations", Map.of("username", name, "email", invitee, "password", PASSWORD));
        assertThat(system.command
                        .post(
                                "/api/v1/email-verification",
                                Map.of("token", mailedToken(invitee, "Confirm", "/verify-email")))
                        .status())
                .isEqualTo(204);
        assertThat(system.command
                        .post(
                                "/api/v1/companies/" + companyId + "/invitations",
                                Map.of("email", invitee),
                                "Authorization",
                                "Bearer " + auth)
                        .status())
                .isEqualTo(201);
        var token = Mails.invitationToken(system.mail, invitee);
        assertThat(post("/login", Map.of("_csrf", csrf(get("/login")), "login", name, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(303);

        opensClean("/invitations/" + token, token, "/invitations/open", "identity_invitation", "/invitations");
        var page = get("/invitations/open");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(token).contains("Accept the invitation");
        var accepted = post("/invitations/accept", Map.of("_csrf", csrf(page)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).contains("/companies/" + companyId + "/members");
        assertThat(accepted.headers().allValues("Set-Cookie"))
                .anySatisfy(set ->
                        assertThat(set).startsWith("identity_invitation=;").contains("Max-Age=0"));
    }

    @Test
    void aCleanPageWithoutItsLinksCookieAsksForTheLinkAgain() throws Exception {
        for (var page : new String[] {"/verify-email", "/reset-password", "/invitations/open"}) {
            var opened = get(page);
            assertThat(opened.statusCode()).as(page).isEqualTo(400);
            assertThat(opened.body()).contains("Open the link from your email again");
        }
        var forged = browser.send(HttpRequest.newBuilder(URI.create(system.publicUrl + "/verify-email"))
                .header("Cookie", "identity_verify=" + "A".repeat(80)));
        assertThat(forged.statusCode()).as("a cookie we did not seal").isEqualTo(400);
    }
}
