package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Http;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * A browser on the provider's hosted pages, keeping its cookies: it signs a person in when the authorization endpoint
 * asks, and allows the application on the consent page, as a person would.
 */
final class ConsentBrowser {

    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

    private final Http command;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    ConsentBrowser(Http command) {
        this.command = command;
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

    private Http.Response browse(String path, String form) {
        var request = HttpRequest.newBuilder(URI.create(command.base() + path));
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ")
                    .append(name)
                    .append('=')
                    .append(value));
            request.header("Cookie", header.toString());
        }
        var response = command.send(request);
        for (var set : response.raw().headers().allValues("set-cookie")) {
            var pair = set.split(";", 2)[0];
            var eq = pair.indexOf('=');
            if (pair.substring(eq + 1).isEmpty()) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return response;
    }

    /** The page's post form, its inputs as given and the named ones filled in, as a form body. */
    private static String fill(String page, Map<String, String> given) {
        var start = page.indexOf("<form method=\"post\"");
        assertThat(start).as("a form that posts").isNotNegative();
        var form = page.substring(start, page.indexOf("</form>", start));
        var values = new LinkedHashMap<String, List<String>>();
        var inputs = INPUT.matcher(form);
        while (inputs.find()) {
            values.computeIfAbsent(inputs.group(1), k -> new ArrayList<>())
                    .add(HtmlUtils.htmlUnescape(inputs.group(2)));
        }
        given.forEach((name, value) -> values.put(name, List.of(value)));
        var body = new StringBuilder();
        values.forEach((name, list) -> list.forEach(value -> body.append(body.isEmpty() ? "" : "&")
                .append(encode(name))
                .append('=')
                .append(encode(value))));
        return body.toString();
    }

    private static String pathOf(String location) {
        var uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
