package io.identity.command.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;

/**
 * What an authorization request's {@code prompt} and {@code max_age} ask of the browser's sign-in (OpenID Connect
 * Core §3.1.2.1). {@code login}, or a sign-in older than {@code max_age} seconds, sends the browser to the sign-in
 * page, which brings it back with {@link #LOGIN_AFTER} (when the sign-in was asked for), so the sign-in made there
 * counts however old {@code max_age} wanted it; {@code none} answers {@code login_required} or
 * {@code consent_required} instead of a page; {@code consent} shows the consent page even where consent was given
 * or is implicit.
 */
final class Prompts {

    /** The moment (epoch seconds) after which a sign-in answers this request's {@code prompt=login} or age limit. */
    static final String LOGIN_AFTER = "login_after";

    private Prompts() {}

    static Set<String> of(String prompt) {
        return prompt == null
                ? Set.of()
                : Arrays.stream(prompt.split(" ")).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
    }

    /** Whether the request asks for a sign-in at least this recent: {@code prompt=login} or a {@code max_age}. */
    static boolean asksForFreshSignIn(HttpServletRequest request) {
        return of(request.getParameter("prompt")).contains("login") || maxAge(request) != null;
    }

    /** Whether a sign-in at {@code authTime} answers the request's {@code prompt} and {@code max_age} now. */
    static boolean fresh(HttpServletRequest request, Instant authTime, Instant now) {
        var after = loginAfter(request);
        var signedInSince = after != null && authTime != null && !authTime.isBefore(after);
        if (of(request.getParameter("prompt")).contains("login")) {
            return signedInSince;
        }
        var maxAge = maxAge(request);
        if (maxAge == null) {
            return true;
        }
        return signedInSince || authTime != null && !authTime.isBefore(now.minusSeconds(maxAge));
    }

    private static Instant loginAfter(HttpServletRequest request) {
        try {
            var after = request.getParameter(LOGIN_AFTER);
            return after == null ? null : Instant.ofEpochSecond(Long.parseLong(after));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code max_age} in seconds; null when absent or not a number of seconds. */
    private static Long maxAge(HttpServletRequest request) {
        try {
            var maxAge = request.getParameter("max_age");
            var seconds = maxAge == null ? null : Long.parseLong(maxAge);
            return seconds == null || seconds < 0 ? null : seconds;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Spring decides when consent is needed; {@code prompt=consent} makes it needed whatever was given. */
    static void consentWhenAsked(List<AuthenticationProvider> providers) {
        providers.forEach(provider -> {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
                requests.setAuthorizationConsentRequired(Prompts::consentRequired);
            }
        });
    }

    /** As Spring's rule (a client that requires consent, a scope beyond {@code openid} not yet allowed), or asked. */
    private static boolean consentRequired(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        var request = context.getAuthorizationRequest();
        var asked = of((String) request.getAdditionalParameters().get("prompt"));
        if (asked.contains("consent")) {
            return true;
        }
        if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
            return false;
        }
        var scopes = request.getScopes();
        if (scopes.contains(OidcScopes.OPENID) && scopes.size() == 1) {
            return false;
        }
        var given = context.getAuthorizationConsent();
        return given == null || !given.getScopes().containsAll(scopes);
    }
}
