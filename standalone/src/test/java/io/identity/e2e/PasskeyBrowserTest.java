package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real browser: Chromium with a virtual authenticator (a platform authenticator that keeps
 * discoverable credentials and verifies its user) adds a passkey on the console's passkeys page, uses it as the
 * second step after the password, and signs in with it alone. Only Chromium has a WebAuthn authenticator to
 * drive; HtmlUnit has none, so this test needs Chromium and says so when it is missing (the build installs it
 * where it can: {@code scripts/ensure-chromium.sh}).
 */
class PasskeyBrowserTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void aPasskeyAddedInTheConsoleIsTheSecondStepAfterThePasswordAndSignsInAlone() {
        assertThat(Browser.chromium())
                .as("passkeys are tested in Chromium with its virtual authenticator, which HtmlUnit does not have: "
                        + "install Debian's chromium and chromium-driver (scripts/ensure-chromium.sh does as root) "
                        + "and do not choose -Dbrowser=htmlunit")
                .isTrue();
        var username = "pk" + UUID.randomUUID().toString().substring(0, 8);
        system.signIn(username);

        try (var browser = new Browser(system.publicUrl)) {
            var authenticator = ((HasVirtualAuthenticator) browser.driver)
                    .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                            .setHasResidentKey(true)
                            .setHasUserVerification(true)
                            .setIsUserVerified(true));

            // 1. signed in with the password, a passkey is added under Security
            browser.open("/login");
            browser.fill("Username or email", username)
                    .fill("Password", RunningSystem.PASSWORD)
                    .press("Sign in");
            assertThat(browser.textOf("h1", "Your profile")).isEqualTo("Your profile");
            browser.follow(browser.driver.findElement(By.linkText("Security")));
            browser.follow(browser.find("a#passkeys-link"));
            assertThat(browser.textOf("h1", "Passkeys")).isEqualTo("Passkeys");
            assertThat(browser.textOf("#no-passkeys")).isEqualTo("You have no passkey yet.");
            browser.fill("Name", "Test laptop").fill("Current password", RunningSystem.PASSWORD);
            browser.follow(browser.find("#passkey-add"));
            assertThat(browser.textOf(".notice")).startsWith("The passkey is added.");
            assertThat(browser.find("tr[data-passkey='Test laptop']").getText()).contains("Never");
            assertThat(authenticator.getCredentials())
                    .as("a discoverable credential on the authenticator")
                    .hasSize(1)
                    .allMatch(credential -> credential.isResidentCredential());

            // 2. the password alone no longer signs in: the passkey finishes it
            browser.press("Sign out");
            browser.fill("Username or email", username)
                    .fill("Password", RunningSystem.PASSWORD)
                    .press("Sign in");
            assertThat(browser.textOf("h1", "Two-step sign-in")).isEqualTo("Two-step sign-in");
            browser.follow(browser.find("#passkey-second-factor"));
            assertThat(browser.textOf("h1", "Your profile")).isEqualTo("Your profile");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .pollingEvery(Duration.ofMillis(500))
                    .until(driver -> {
                        browser.open("/account/security/passkeys");
                        return !browser.find("tr[data-passkey='Test laptop']")
                                .getText()
                                .contains("Never");
                    });

            // 3. without a password: the passkey alone, chosen by the authenticator
            browser.press("Sign out");
            assertThat(browser.path()).startsWith("/login");
            browser.follow(browser.find("#passkey-sign-in-link"));
            browser.follow(browser.find("#passkey-sign-in"));
            assertThat(browser.textOf("h1", "Your profile")).isEqualTo("Your profile");
            assertThat(browser.text()).contains(username);
        }
    }
}
