package io.identity.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.crypto.MasterKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The passkeys' pages as rendered from the model alone: the list, the sign-in button, the second step. */
class PasskeyPagesTest {

    private static String render(String template, Map<String, Object> model, String language) {
        var request = new MockHttpServletRequest("GET", "/");
        if (language != null) {
            request.addHeader("Accept-Language", language);
        }
        var visit = new Visit(
                request,
                new MockHttpServletResponse(),
                new MasterKey("a master key for the pages' test only"),
                JsonMapper.builder().build(),
                false);
        return new Pages(new ConsoleSettings(null, null, null, null, null))
                .render(template, model, visit)
                .getBody();
    }

    @Test
    void theListShowsEachPasskeyWithItsRemovalAndTheFormToAddOneThroughTheScript() {
        var model = new HashMap<String, Object>(Map.of(
                "done",
                "passkey-added",
                "me",
                Map.of("username", "ada"),
                "passkeys",
                List.of(Map.of(
                        "credentialId", "AbCdEf0123456789_-AbCdEf",
                        "name", "Laptop",
                        "createdAt", "2026-12-07T16:43:49Z"))));
        var page = render("passkeys", model, null);
        assertThat(page)
                .contains("The passkey is added.")
                .contains("data-passkey=\"Laptop\"")
                .contains("value=\"AbCdEf0123456789_-AbCdEf\"")
                .contains("7 Dec 2026, 16:43 UTC")
                .contains("Never")
                .contains("data-passkey=\"add\"")
                .contains("<script src=\"/assets/passkeys.js\" defer></script>")
                .contains("Passkeys need JavaScript");
        assertThat(render("passkeys", new HashMap<>(Map.of("passkeys", List.of())), "de"))
                .contains("Sie haben noch keinen Passkey.");
    }

    @Test
    void theSignInPageLinksToAPasskeySignInAndTheSecondStepOffersThePasskey() {
        var login = render("login", new HashMap<>(Map.of("done", "", "providers", List.of())), null);
        assertThat(login)
                .contains("href=\"/login/passkey\"")
                .contains("Sign in with a passkey")
                .doesNotContain("action=\"/login/passkey\"");
        assertThat(login.split("<form method=\"post\"", -1))
                .as("the sign-in page's one form")
                .hasSize(2);
        assertThat(render("login-passkey", new HashMap<>(Map.of("factors", List.of())), null))
                .contains("action=\"/login/passkey\"");
        var second = render(
                "second-factor",
                new HashMap<>(Map.of("mfaToken", "one-time", "factors", List.of("webauthn", "recovery_code"))),
                null);
        assertThat(second)
                .contains("action=\"/login/passkey/second-factor\"")
                .contains("value=\"one-time\"")
                .contains("Use your passkey")
                .contains("Use a recovery code")
                .doesNotContain("name=\"code\"");
        assertThat(render(
                        "second-factor",
                        new HashMap<>(Map.of("mfaToken", "one-time", "factors", List.of("totp"))),
                        null))
                .doesNotContain("/login/passkey/second-factor")
                .contains("name=\"code\"");
    }
}
