package io.identity.e2e;

import static io.identity.support.test.FormBrowser.encode;
import static io.identity.support.test.FormBrowser.fill;
import static io.identity.support.test.FormBrowser.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.FormBrowser;
import io.identity.support.test.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * A browser on the provider's hosted pages, keeping its cookies: it signs a person in when the authorization endpoint
 * asks, and allows the application on the consent page, as a person would.
 */
final class ConsentBrowser {

    private final FormBrowser browser;

    ConsentBrowser(Http command) {
        this.browser = new FormBrowser(command);
    }

    private Http.Response browse(String path, String form) {
        return form == null ? browser.get(path) : browser.post(path, form);
    }

    /** An authorization request of the code flow with PKCE (S256) for {@code scope}. */
    static String authorize(String clientId, String redirectUri, String scope) {
        try {
            var challenge = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest("verifier-of-the-stream-tests-0123456789-abcdefghij"
                                    .getBytes(StandardCharsets.US_ASCII)));
            return "/oauth2/authorize?response_type=code&client_id=" + encode(clientId) + "&redirect_uri="
                    + encode(redirectUri) + "&scope=" + encode(scope) + "&state=s-1&code_challenge=" + challenge
                    + "&code_challenge_method=S256";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asks for the authorization, signs in first when the browser is not signed in yet, and allows on the consent
     * page, which must be shown: the redirect to the application.
     */
    String allow(String authorize, String username, String password) {
        var asked = browse(authorize, null);
        assertThat(asked.status()).as(asked.body()).isEqualTo(302);
        if (asked.header("Location").startsWith("/login")) {
            var page = browse(asked.header("Location"), null);
            var signedIn = browse("/login", fill(page.body(), Map.of("login", username, "password", password)));
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
            asked = browse(signedIn.header("Location"), null);
        }
        assertThat(URI.create(asked.header("Location")).getPath())
                .as("the consent page")
                .isEqualTo("/oauth2/consent");
        var consent = browse(pathOf(asked.header("Location")), null);
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);
        var allowed = browse("/oauth2/authorize", fill(consent.body(), Map.of("decision", "allow")));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(302);
        return allowed.header("Location");
    }
}
