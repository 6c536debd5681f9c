package io.identity.console;

import io.identity.support.crypto.MasterKey;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request of a browser to the pages: its sign-in (the sealed session cookie), its CSRF token (a random value
 * in an httpOnly, SameSite=Lax cookie that every form and every provider sign-in's {@code state} repeats), and what
 * the API should know of the browser (address, user agent, language). Changes to the sign-in are written to the
 * response's cookies at once.
 */
final class Visit {

    static final String SESSION_COOKIE = "identity_session";
    static final String CSRF_COOKIE = "identity_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CONTEXT = "console-session";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final MasterKey key;
    private final JsonMapper json;
    private final boolean secure;
    private ConsoleSession session;
    private String csrf;

    Visit(HttpServletRequest request, HttpServletResponse response, MasterKey key, JsonMapper json, boolean secure) {
        this.request = request;
        this.response = response;
        this.key = key;
        this.json = json;
        this.secure = secure;
        this.session = open(cookie(SESSION_COOKIE));
        this.csrf = cookie(CSRF_COOKIE);
    }

    ConsoleSession session() {
        return session;
    }

    boolean signedIn() {
        return session != null;
    }

    /**
     * The browser is signed in with these tokens from now on. The cookie outlives no session (30 days at most);
     * the API decides when the tokens stop working.
     */
    void signIn(ConsoleSession fresh) {
        session = fresh;
        write(SESSION_COOKIE, seal(fresh), Duration.ofDays(30));
    }

    /** The API accepted a change: later reads wait until it is visible. */
    void saw(String position) {
        if (session == null || position == null) {
            return;
        }
        try {
            var newer = session.withPosition(Long.parseLong(position));
            if (newer != session) {
                signIn(newer);
            }
        } catch (NumberFormatException ignored) {
            // a header we did not write: nothing to remember
        }
    }

    void signOut() {
        session = null;
        write(SESSION_COOKIE, "", Duration.ZERO);
    }

    /** The token every form of this browser carries; made (and its cookie set) on first need. */
    String csrf() {
        if (csrf == null || csrf.length() < 32) {
            var bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Lax, not Strict: the return from a provider on another site is a cross-site navigation, and its state
            // must still meet the cookie. Lax cookies go on no cross-site POST, so a forged form still lacks it.
            write(CSRF_COOKIE, csrf, Duration.ofDays(1));
        }
        return csrf;
    }

    /**
     * A form is ours when it repeats the browser's CSRF cookie and, where the browser names an origin, comes from
     * the page's own.
     */
    boolean formIsGenuine(String token, String publicOrigin) {
        var origin = request.getHeader(HttpHeaders.ORIGIN);
        if ("null".equals(origin)) {
            // what a browser sends from a page whose Referrer-Policy is no-referrer (ours): the fetch metadata,
            // where the browser gives it, still says whether the form came from this very site
            var site = request.getHeader("Sec-Fetch-Site");
            if (site != null && !site.equals("same-origin")) {
                return false;
            }
        } else if (origin != null && !origin.equals(publicOrigin) && !origin.equals(ownOrigin())) {
            return false;
        }
        var cookie = cookie(CSRF_COOKIE);
        return cookie != null
                && token != null
                && MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private String ownOrigin() {
        var port = request.getServerPort();
        var standard =
                "http".equals(request.getScheme()) && port == 80 || "https".equals(request.getScheme()) && port == 443;
        return request.getScheme() + "://" + request.getServerName() + (standard ? "" : ":" + port);
    }

    String clientAddress() {
        return request.getRemoteAddr();
    }

    String userAgent() {
        return request.getHeader(HttpHeaders.USER_AGENT);
    }

    String language() {
        return request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
    }

    HttpServletRequest request() {
        return request;
    }

    HttpServletResponse response() {
        return response;
    }

    byte[] seal(byte[] plain, String context) {
        return key.seal(plain, context);
    }

    byte[] open(byte[] sealed, String context) {
        return key.open(sealed, context);
    }

    String cookie(String name) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private void write(String name, String value, Duration lifetime) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(name, value, "/", lifetime));
    }

    /** A cookie of the pages, as a {@code Set-Cookie} value: httpOnly, SameSite=Lax, secure where the site is. */
    String cookie(String name, String value, String path, Duration lifetime) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path(path)
                .maxAge(lifetime)
                .build()
                .toString();
    }

    private String seal(ConsoleSession value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.seal(json.writeValueAsBytes(value), CONTEXT));
    }

    /** A cookie that does not open (altered, sealed under another key, from an older format) is no sign-in. */
    private ConsoleSession open(String sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return json.readValue(key.open(Base64.getUrlDecoder().decode(sealed), CONTEXT), ConsoleSession.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
