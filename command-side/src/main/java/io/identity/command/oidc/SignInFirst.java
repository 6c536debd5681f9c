package io.identity.command.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A request without the sign-in it needs. At the authorization endpoint: with {@code prompt=none}, the client
 * hears {@code login_required} at its redirect URI (once Spring has checked the client and the URI); otherwise
 * the browser goes to the sign-in page, which brings it back (with {@link Prompts#LOGIN_AFTER} when the request
 * asked for a fresh sign-in). At userinfo: {@code 401} with a Bearer challenge (RFC 6750). Anywhere else: a client
 * that did not authenticate, {@code 401 invalid_client} (RFC 6749 §5.2).
 */
final class SignInFirst implements AuthenticationEntryPoint {

    private final AuthorizationResponses responses;
    private final Clock clock;

    SignInFirst(AuthorizationResponses responses, Clock clock) {
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        var path = request.getRequestURI();
        if (OidcConfiguration.USERINFO.equals(path)) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return;
        }
        if (!"/oauth2/authorize".equals(path)) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"oauth2\"");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"invalid_client\"}");
            return;
        }
        var checked = request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName())
                        instanceof OAuth2AuthorizationCodeRequestAuthenticationToken valid
                ? valid
                : null;
        if (checked != null && Prompts.of(request.getParameter("prompt")).contains("none")) {
            Map<String, String> error = new LinkedHashMap<>(Map.of("error", "login_required"));
            responses.answer(
                    response,
                    checked.getRedirectUri(),
                    error,
                    checked.getState(),
                    "form_post".equals(request.getParameter("response_mode")));
            return;
        }
        var back = UriComponentsBuilder.fromUriString(
                path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        if (Prompts.asksForFreshSignIn(request)) {
            back.replaceQueryParam(Prompts.LOGIN_AFTER, clock.instant().getEpochSecond());
        }
        response.setStatus(302);
        response.setHeader(
                "Location",
                "/login?continue=" + URLEncoder.encode(back.build(true).toUriString(), StandardCharsets.UTF_8));
    }
}
