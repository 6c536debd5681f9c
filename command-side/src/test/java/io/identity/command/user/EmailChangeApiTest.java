package io.identity.command.user;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.support.test.TokenContents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailChangeApiTest extends CommandSideTest {

    private String[] signIn(String login) {
        return bearer(login(login).json().path("access_token").asString());
    }

    private String changeLink(String address, int mails) {
        return TestSmtp.verificationToken(TestSmtp.awaitMessages(address, mails).get(mails - 1));
    }

    @Test
    void theAddressChangesOnlyWhenTheNewOneConfirms() throws Exception {
        var name = unique("mv");
        register(name);
        var auth = signIn(name);
        var newEmail = "new-" + name + "@example.org";
        var requested =
                http.post("/api/v1/users/me/email", Map.of("newEmail", newEmail, "currentPassword", PASSWORD), auth);
        assertThat(requested.status()).isEqualTo(202);
        var token = changeLink(newEmail, 1);
        assertThat(login(name + "@example.com").status())
                .as("nothing moves before confirmation")
                .isEqualTo(200);

        var confirmed = http.post("/api/v1/email-verification", Map.of("token", token));
        assertThat(confirmed.status()).isEqualTo(204);
        assertThat(login(name + "@example.com").status()).isEqualTo(401);
        var tokens = login(newEmail.toUpperCase());
        assertThat(tokens.status()).isEqualTo(200);
        var claims = TokenContents.claims(tokens.json().path("access_token").asString());
        assertThat(claims.get("email", String.class)).isEqualTo(newEmail);
        assertThat(claims.get("email_verified", Boolean.class)).isTrue();

        var notice = TestSmtp.awaitMessages(name + "@example.com", 2).get(1);
        assertThat(notice.getSubject()).isEqualTo("Your email address for Identity was changed");
        assertThat(TestSmtp.part(notice, "text/plain"))
                .contains("n***@example.org")
                .doesNotContain(newEmail);
        assertThat(http.post("/api/v1/email-verification", Map.of("token", token))
                        .status())
                .as("used once")
                .isEqualTo(400);
    }

    @Test
    void theNewAddressMustStillBeFreeWhenConfirmed() {
        var name = unique("race");
        register(name);
        var wanted = "wanted-" + name + "@example.org";
        http.post("/api/v1/users/me/email", Map.of("newEmail", wanted, "currentPassword", PASSWORD), signIn(name));
        var token = changeLink(wanted, 1);
        assertThat(http.post(
                                "/api/v1/registrations",
                                Map.of("username", unique("quick"), "email", wanted, "password", PASSWORD))
                        .status())
                .isEqualTo(201);

        var confirmed = http.post("/api/v1/email-verification", Map.of("token", token));
        assertThat(confirmed.status()).isEqualTo(409);
        assertThat(confirmed.json().path("code").asString()).isEqualTo("email_taken");
        assertThat(login(name + "@example.com").status())
                .as("the account kept its address")
                .isEqualTo(200);
    }

    @Test
    void badRequestsChangeNothing() {
        var name = unique("bad");
        register(name);
        var other = unique("other");
        register(other);
        var auth = signIn(name);
        var wrongPassword = http.post(
                "/api/v1/users/me/email",
                Map.of("newEmail", "x-" + name + "@example.org", "currentPassword", "not my password"),
                auth);
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(wrongPassword.json().path("code").asString()).isEqualTo("invalid_credentials");
        assertThat(http.post("/api/v1/users/me/email", Map.of("newEmail", "nope", "currentPassword", PASSWORD), auth)
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("validation_failed");
        assertThat(http.post(
                                "/api/v1/users/me/email",
                                Map.of("newEmail", name.toUpperCase() + "@example.com", "currentPassword", PASSWORD),
                                auth)
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("validation_failed");
        var taken = http.post(
                "/api/v1/users/me/email",
                Map.of("newEmail", other + "@example.com", "currentPassword", PASSWORD),
                auth);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("code").asString()).isEqualTo("email_taken");
        assertThat(http.post("/api/v1/users/me/email", Map.of("newEmail", "a@b.org", "currentPassword", PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void masksKeepTheFirstLetterAndTheDomain() {
        assertThat(EmailVerifications.masked("ada@example.com")).isEqualTo("a***@example.com");
        assertThat(EmailVerifications.masked("a@example.com")).isEqualTo("***@example.com");
    }
}
