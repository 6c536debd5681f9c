package io.identity.command.oidc;

import io.identity.command.kernel.OpaqueTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answers: the code (or the error) at the client's redirect URI with {@code state}
 * and {@code iss} (RFC 9207), in its query or, for {@code response_mode=form_post}, as a form the page posts there;
 * and, when there is no redirect URI to trust (an unknown client, a redirect URI not
 * registered exactly, a request without one), an error page that redirects nowhere.
 */
final class AuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final String RESPONSE_MODE = "response_mode";
    private static final String FORM_POST = "form_post";

    private final String issuer;
    private final OAuth2AuthorizationService authorizations;

    AuthorizationResponses(String issuer, OAuth2AuthorizationService authorizations) {
        this.issuer = issuer;
        this.authorizations = authorizations;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var granted = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("code", granted.getAuthorizationCode().getTokenValue());
        // the request may have been made before a consent page: what it asked is kept with the authorization
        var authorization = authorizations.findByToken(
                granted.getAuthorizationCode().getTokenValue(), new OAuth2TokenType(OAuth2ParameterNames.CODE));
        var asked = authorization == null
                ? null
                : authorization.<OAuth2AuthorizationRequest>getAttribute(OAuth2AuthorizationRequest.class.getName());
        var formPost = asked != null
                && FORM_POST.equals(asked.getAdditionalParameters().get(RESPONSE_MODE));
        answer(response, granted.getRedirectUri(), parameters, granted.getState(), formPost);
    }

    /** Whether the request asked for its answer as a form posted to the redirect URI (OAuth 2.0 Form Post). */
    private static boolean formPost(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return FORM_POST.equals(request.getAdditionalParameters().get(RESPONSE_MODE));
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
            errorPage(
                    response,
                    error,
                    "This sign-in request cannot go on",
                    "The application that sent you here asked in a way this service does not accept. Go back to the "
                            + "application and try again; if it keeps happening, tell the application's makers.");
            return;
        }
        answer(
                response,
                failed.getRedirectUri(),
                new LinkedHashMap<>(Map.of("error", error)),
                failed.getState(),
                formPost(failed) || FORM_POST.equals(request.getParameter(RESPONSE_MODE)));
    }

    /**
     * The answer at the redirect URI, with {@code state} and {@code iss}: in its query ({@code 302}), or as a form
     * the page posts there at once ({@code response_mode=form_post}; a button where scripts do not run).
     */
    void answer(
            HttpServletResponse response,
            String redirectUri,
            Map<String, String> parameters,
            String state,
            boolean formPost)
            throws IOException {
        if (state != null && !state.isEmpty()) {
            parameters.put("state", state);
        }
        parameters.put("iss", issuer);
        response.setHeader("Cache-Control", "no-store");
        if (!formPost) {
            var uri = UriComponentsBuilder.fromUriString(redirectUri);
            parameters.forEach((name, value) -> uri.queryParam(name, encode(value)));
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", uri.build(true).toUriString());
            return;
        }
        var form = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Signing in</title></head><body><form method=\"post\" action=\"");
        form.append(HtmlUtils.htmlEscape(redirectUri)).append("\">");
        parameters.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"")
                .append(HtmlUtils.htmlEscape(name))
                .append("\" value=\"")
                .append(HtmlUtils.htmlEscape(value))
                .append("\">"));
        form.append("<noscript><button type=\"submit\">Continue</button></noscript></form><script>")
                .append(SUBMIT)
                .append("</script></body></html>");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; script-src '" + SUBMIT_HASH + "'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.getWriter().write(form.toString());
    }

    /** The form post page's one script, allowed by its hash and nothing else. */
    private static final String SUBMIT = "document.forms[0].submit();";

    private static final String SUBMIT_HASH = "sha256-" + Base64.getEncoder().encodeToString(OpaqueTokens.hash(SUBMIT));

    /** A page for the person, since the client cannot be told: fixed words and the error's code, escaped. */
    static void errorPage(HttpServletResponse response, String error, String heading, String text) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.getWriter()
                .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                        + HtmlUtils.htmlEscape(heading) + "</title><link rel=\"stylesheet\" "
                        + "href=\"/assets/console.css\"></head><body><main><h1>" + HtmlUtils.htmlEscape(heading)
                        + "</h1><p>" + HtmlUtils.htmlEscape(text) + " (<code>" + HtmlUtils.htmlEscape(error)
                        + "</code>)</p></main></body></html>");
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
