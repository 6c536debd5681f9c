package io.identity.e2e;

import static io.identity.e2e.RunningSystem.PASSWORD;
import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The operators' user administration as an operator meets it (§14): the console's users page finds an account by
 * a prefix of its name, locks it with a reason (it cannot sign in, and the audit keeps why), and unlocks it; the
 * query side's search filters by status; nobody else may do any of it.
 */
class OperatorTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void anOperatorFindsLocksAndUnlocksAnAccount() {
        var username = "op" + UUID.randomUUID().toString().substring(0, 8);
        var registered = system.command.post(
                "/api/v1/registrations",
                Map.of("username", username, "email", username + "@example.com", "password", PASSWORD));
        var userId = registered.json().path("userId").asString();
        var own = system.command
                .post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        assertThat(system.query.get("/api/v1/admin/users", bearer(own)).status())
                .as("not an operator")
                .isEqualTo(403);
        var operator = system.command
                .post("/api/v1/auth/login", Map.of("login", RunningSystem.OPERATOR, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> system.query
                                .get("/api/v1/admin/users?q=" + username, bearer(operator))
                                .body()
                                .contains("\"lastSignInAt\":\"")))
                .as("the search finds the account, with its last sign-in")
                .isTrue();

        try (var browser = new Browser(system.publicUrl)) {
            browser.open("/login");
            browser.fill("Username or email", RunningSystem.OPERATOR)
                    .fill("Password", PASSWORD)
                    .press("Sign in");
            browser.follow(browser.driver.findElement(By.linkText("Users")));
            browser.fill("Name or address begins with", username).press("Find");
            var row = "tr[data-user='" + username + "']";
            assertThat(browser.find(row).getText())
                    .contains(username + "@example.com")
                    .contains("Active");
            browser.find(row + " input[name='reason']").sendKeys("phishing report 42");
            browser.follow(browser.find(row + " button.danger"));
            assertThat(browser.textOf(".notice")).contains("locked");

            var refused = system.command.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("code").asString()).isEqualTo("account_locked");
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> system.query
                                    .get("/api/v1/admin/users?status=LOCKED&q=" + username, bearer(operator))
                                    .body()
                                    .contains(userId)))
                    .isTrue();
            assertThat(Eventually.within(
                            Duration.ofSeconds(20),
                            () -> system.query
                                    .get("/api/v1/audit/events?type=UserLocked", bearer(operator))
                                    .body()
                                    .contains("phishing report 42")))
                    .as("the audit keeps why")
                    .isTrue();

            browser.open("/operator/users?status=LOCKED&q=" + username);
            browser.follow(browser.find(row + " button.secondary"));
            assertThat(browser.textOf(".notice")).contains("unlocked");
        }
        assertThat(system.command
                        .post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD))
                        .status())
                .isEqualTo(200);
    }
}
