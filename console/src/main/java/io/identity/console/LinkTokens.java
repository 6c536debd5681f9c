package io.identity.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The token of an emailed link leaves the address bar at once: the link's GET seals it into a short-lived cookie
 * (httpOnly, SameSite=Lax, only for that page's path) and redirects to the page's clean address, which reads it
 * from there. So no token stays in the browser's history, in a Referer, or in a gateway's log of query strings;
 * and still only the page's button (a POST) spends it, never the GET that a mail scanner may follow.
 */
enum LinkTokens {
    VERIFY("identity_verify", "/verify-email", "/verify-email"),
    RESET("identity_reset", "/reset-password", "/reset-password"),
    INVITATION("identity_invitation", "/invitations", "/invitations/open"),
    ERASE("identity_erase", "/erase-address", "/erase-address");

    /** Long enough to fill in the page's form; the API decides how long the link itself works. */
    static final Duration LIFETIME = Duration.ofMinutes(30);

    private final String cookie;
    private final String path;
    private final String page;

    LinkTokens(String cookie, String path, String page) {
        this.cookie = cookie;
        this.path = path;
        this.page = page;
    }

    String cookie() {
        return cookie;
    }

    /** The link's GET: the token into the cookie, the browser on to the page without it. */
    ResponseEntity<String> keep(Visit visit, String token) {
        var sealed = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(visit.seal(token.getBytes(StandardCharsets.UTF_8), context()));
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, page)
                .header(HttpHeaders.SET_COOKIE, cookie(visit, sealed, LIFETIME))
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /** The token the browser brought from its link, or null (none, expired, or not one we sealed). */
    String token(Visit visit) {
        var sealed = visit.cookie(cookie);
        if (sealed == null) {
            return null;
        }
        try {
            return new String(visit.open(Base64.getUrlDecoder().decode(sealed), context()), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The link is spent (or refused for good): the browser forgets its token. */
    void forget(Visit visit) {
        visit.response().addHeader(HttpHeaders.SET_COOKIE, cookie(visit, "", Duration.ZERO));
    }

    private String cookie(Visit visit, String value, Duration lifetime) {
        return visit.cookie(cookie, value, path, lifetime);
    }

    /** A token sealed for one page opens on that page only. */
    private String context() {
        return "console-link:" + path;
    }
}
