package io.identity.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a sign-in goes on to when an application's sign-in through this service (the OpenID Connect provider)
 * sent the browser to the sign-in page, and what that request hints.
 */
final class Continuation {

    private Continuation() {}

    /** Where an application's sign-in through this service (the OpenID Connect provider) waits. */
    private static final String AUTHORIZE = "/oauth2/authorize?";

    /**
     * Where a sign-in goes on to: only this service's own authorization endpoint (an application's sign-in that
     * sent the browser here), as a path of this site; anything else is dropped, so no link can use the page to send
     * someone elsewhere.
     */
    static String authorization(String next) {
        if (next == null
                || !next.startsWith(AUTHORIZE)
                || next.length() > 4096
                || next.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '\\')) {
            return null;
        }
        return next;
    }

    /**
     * The {@code login_hint} an application's sign-in request gave (OpenID Connect Core §3.1.2.1), to fill in the
     * login field; only a hint: the person may change it, and nothing is looked up with it.
     */
    static String loginHint(String continueTo) {
        if (continueTo == null) {
            return null;
        }
        try {
            var hint = UriComponentsBuilder.fromUriString(continueTo)
                    .build()
                    .getQueryParams()
                    .getFirst("login_hint");
            if (hint == null) {
                return null;
            }
            var decoded = URLDecoder.decode(hint, StandardCharsets.UTF_8).strip();
            return decoded.isEmpty() || decoded.length() > 254 ? null : decoded;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
