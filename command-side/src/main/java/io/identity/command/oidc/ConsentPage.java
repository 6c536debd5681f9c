package io.identity.command.oidc;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The consent page the authorization endpoint sends a signed-in browser to (§12's page contract): one form posted
 * back to {@code /oauth2/authorize} with the client, the authorization's {@code state} and the scopes asked for, and
 * two buttons named {@code decision}, {@code allow} and {@code deny}. The authorization server checks the state
 * against the signed-in person; a denial comes back to the client as {@code access_denied}. What was allowed is
 * remembered per user and client.
 */
@RestController
class ConsentPage {

    private static final Map<String, String> SCOPES = Map.of(
            "openid", "Know who you are (your user id)",
            "profile", "See your username",
            "email", "See your email address and whether it is verified",
            "offline_access", "Stay signed in when you are not using it",
            "companies", "See the companies you belong to and your role in each");

    private final RegisteredClientRepository clients;

    ConsentPage(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @GetMapping(path = OidcConfiguration.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> consent(
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String state) {
        var client = clientId == null ? null : clients.findByClientId(clientId);
        if (client == null || state == null || state.isBlank()) {
            return page(
                    HttpStatus.BAD_REQUEST,
                    "<h1>This request cannot go on</h1><p>The application is unknown or "
                            + "the request is incomplete. Go back to the application and try again.</p>");
        }
        var scopes = new LinkedHashSet<String>();
        if (scope != null) {
            scopes.addAll(Arrays.asList(scope.trim().split("\\s+")));
        }
        scopes.removeIf(s -> s.isEmpty() || !client.getScopes().contains(s));
        var html = new StringBuilder()
                .append("<h1>")
                .append(escape(client.getClientName()))
                .append(" wants to use your account</h1><p>If you allow it, it may:</p><ul>");
        scopes.forEach(s ->
                html.append("<li>").append(escape(SCOPES.getOrDefault(s, s))).append("</li>"));
        html.append("</ul><form method=\"post\" action=\"/oauth2/authorize\">")
                .append(hidden("client_id", client.getClientId()))
                .append(hidden("state", state));
        scopes.forEach(s -> html.append(hidden("scope", s)));
        html.append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>")
                .append("</form>");
        return page(HttpStatus.OK, html.toString());
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value);
    }

    private static ResponseEntity<String> page(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'self'; frame-ancestors 'none'; " + "base-uri 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width, initial-scale=1\"><title>Allow access</title>"
                        + "<link rel=\"stylesheet\" href=\"/assets/console.css\"></head><body><main>"
                        + "<section class=\"narrow\">" + body + "</section></main></body></html>");
    }
}
