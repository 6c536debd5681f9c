package io.identity.command.oidc;

import io.identity.command.session.LiveSessions;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.crypto.MasterKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Base64;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.SecurityContextRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who the browser is signed in as, read from the hosted pages' sign-in cookie on every request and kept nowhere
 * (no HTTP session: any instance answers any request). The cookie is opened as the pages open it (sealed under the
 * master key, context {@code console-session}); its access token must pass {@link AccessTokenVerifier} (signature,
 * issuer, audience, expiry, and a session that has not ended). An expired access token is no sign-in, even when
 * the cookie holds a refresh token: the browser is sent to the sign-in page, which renews or asks again. So is a
 * sign-in older than an authorization request asks for ({@link Prompts}).
 */
final class SignInCookie implements SecurityContextRepository {

    /** The pages' cookie and the context its contents are sealed under (see the console's {@code Visit}). */
    static final String COOKIE = "identity_session";

    private static final String CONTEXT = "console-session";
    private static final String AUTHORIZE = "/oauth2/authorize";

    private final MasterKey key;
    private final JsonMapper json;
    private final AccessTokenVerifier verifier;
    private final LiveSessions sessions;
    private final Clock clock;

    SignInCookie(MasterKey key, JsonMapper json, AccessTokenVerifier verifier, LiveSessions sessions, Clock clock) {
        this.clock = clock;
        this.key = key;
        this.json = json;
        this.verifier = verifier;
        this.sessions = sessions;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    var signIn = signIn(request);
                    context = signIn == null
                            ? SecurityContextHolder.createEmptyContext()
                            : new SecurityContextImpl(signIn);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(org.springframework.security.web.context.HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // nothing is kept: the cookie is the pages' to write
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return signIn(request) != null;
    }

    /** The browser's sign-in, or null when it has none that counts now. */
    BrowserSignIn signIn(HttpServletRequest request) {
        var sealed = cookie(request);
        if (sealed == null) {
            return null;
        }
        try {
            var opened = json.readTree(key.open(Base64.getUrlDecoder().decode(sealed), CONTEXT));
            var accessToken = opened.path("a").asString(null);
            if (accessToken == null) {
                return null;
            }
            var caller = verifier.verify(accessToken);
            var started = sessions.startOfLive(caller.sessionId(), caller.userId());
            if (started.isPresent()
                    && AUTHORIZE.equals(request.getRequestURI())
                    && !Prompts.fresh(request, started.get(), clock.instant())) {
                // prompt=login or max_age: this sign-in is not recent enough for the request
                return null;
            }
            return started.map(at -> new BrowserSignIn(caller.userId(), caller.sessionId(), at))
                    .orElse(null);
        } catch (RuntimeException e) {
            // altered, sealed under another key, expired or of an ended session: no sign-in
            return null;
        }
    }

    private static String cookie(HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (var cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
