package io.identity.command.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answers: the code (or the error) at the client's redirect URI with {@code state}
 * and {@code iss} (RFC 9207); and, when there is no redirect URI to trust (an unknown client, a redirect URI not
 * registered exactly, a request without one), an error page that redirects nowhere.
 */
final class AuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final String issuer;

    AuthorizationResponses(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var granted = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        var uri = UriComponentsBuilder.fromUriString(granted.getRedirectUri())
                .queryParam("code", granted.getAuthorizationCode().getTokenValue());
        redirect(response, uri, granted.getState());
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var error = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode()
                : OAuth2ErrorCodes.INVALID_REQUEST;
        var failed = exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException refused
                ? refused.getAuthorizationCodeRequestAuthentication()
                : null;
        if (failed == null
                || failed.getRedirectUri() == null
                || failed.getRedirectUri().isBlank()) {
            errorPage(response, error);
            return;
        }
        var uri = UriComponentsBuilder.fromUriString(failed.getRedirectUri()).queryParam("error", encode(error));
        redirect(response, uri, failed.getState());
    }

    private void redirect(HttpServletResponse response, UriComponentsBuilder uri, String state) {
        if (state != null && !state.isEmpty()) {
            uri.queryParam("state", encode(state));
        }
        uri.queryParam("iss", encode(issuer));
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", uri.build(true).toUriString());
        response.setHeader("Cache-Control", "no-store");
    }

    /** A page for the person, since the client cannot be told: fixed words and the error's code, escaped. */
    private static void errorPage(HttpServletResponse response, String error) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.getWriter()
                .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in request refused"
                        + "</title><link rel=\"stylesheet\" href=\"/assets/console.css\"></head><body><main>"
                        + "<h1>This sign-in request cannot go on</h1><p>The application that sent you here asked in a "
                        + "way this service does not accept (<code>"
                        + HtmlUtils.htmlEscape(error) + "</code>). Go back to the application and try again; if it "
                        + "keeps happening, tell the application's makers.</p></main></body></html>");
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
