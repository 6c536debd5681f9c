package io.identity.e2e;

import static io.identity.e2e.RunningSystem.PASSWORD;
import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.AuthenticatorApp;
import io.identity.support.test.Eventually;
import io.identity.support.test.Registrations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Two-step sign-in as a person meets it in the console (§13): the authenticator app set up from the page's key,
 * the recovery codes shown once, a sign-in that asks for the code, then a company that requires two-step sign-in,
 * refused to a session without it on both sides; the query side's view, the audit and the mails agree.
 */
class SecondFactorWalkTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void aPersonSetsUpAnAuthenticatorAppAndACompanyRequiresIt() throws Exception {
        var username = "t" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post(
                "/api/v1/registrations", Registrations.withCompany(username, PASSWORD, "Co " + username));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var companyId = registered.json().path("companyId").asString();
        // a session from before: signed in with the password alone
        var weak = system.command
                .post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();

        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/login");
            browser.fill("Username or email", username)
                    .fill("Password", PASSWORD)
                    .press("Sign in");
            browser.open("/account/second-factors");
            assertThat(browser.textOf("h1")).isEqualTo("Two-step sign-in");
            browser.fill("Current password", PASSWORD).press("Set up an authenticator app");
            assertThat(browser.find(".qr svg")).isNotNull();
            var secret = browser.textOf("#totp-secret");
            browser.fill("Code", AuthenticatorApp.code(secret, Instant.now())).press("Turn on");
            var codes = browser.textOf("#recovery-codes");
            assertThat(codes.split("\\s+")).hasSize(10);
            assertThat(browser.text()).contains("On: signing in asks for its code.");

            // signed out, then in again: the code after the password
            browser.follow(browser.driver.findElement(By.xpath("//button[normalize-space(.)='Sign out']")));
            browser.fill("Username or email", username)
                    .fill("Password", PASSWORD)
                    .press("Sign in");
            assertThat(browser.textOf("h1")).isEqualTo("Two-step sign-in");
            browser.fill("Code", "000000").press("Continue");
            assertThat(browser.textOf(".alert")).contains("wrong");
            browser.fill("Code", AuthenticatorApp.code(secret, Instant.now().plusSeconds(30)))
                    .press("Continue");
            assertThat(browser.textOf("h1", "Your profile")).isEqualTo("Your profile");

            // the company's rule, switched on by its owner from this session
            browser.open("/companies/" + companyId);
            browser.press("Require two-step sign-in");
            assertThat(browser.text()).contains("Required: members must sign in");
        }

        var refused = system.query.get("/api/v1/companies/" + companyId, bearer(weak));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("mfa_required");
        var refusedCommand =
                system.command.patch("/api/v1/companies/" + companyId, Map.of("description", "x"), bearer(weak));
        assertThat(refusedCommand.json().path("code").asString()).isEqualTo("mfa_required");

        var mine = system.query.get("/api/v1/users/me/mfa", bearer(weak));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("totp").path("enabled").asBoolean()).isTrue();
        assertThat(mine.json().path("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> system.query
                                .get("/api/v1/users/me/audit", bearer(weak))
                                .body()
                                .contains("TotpEnabled")))
                .as("the audit log lists the set-up")
                .isTrue();
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> !Mails.to(system.mail, username + "@example.com", "How you sign in to")
                                .isEmpty()))
                .as("a mail tells of it")
                .isTrue();
    }
}
