package io.identity.command.oidc;

import io.identity.events.session.SessionEndReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * RP-initiated logout (§12), after Spring has checked the request (an {@code id_token_hint} we issued, to the
 * client named, of the person signed in in this browser if anyone is): ends the hosted pages' session the sign-in
 * came from (the single sign-on session) and every session an authorization started from it, for any client,
 * clears the browser's sign-in cookie, and sends the browser to the {@code post_logout_redirect_uri} with
 * {@code state} when the client registered it exactly, else to the signed-out page. A request that does not pass
 * ends nothing and is shown a page that sends nobody anywhere.
 */
final class ProviderLogout implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);
    private static final String SIGNED_OUT = "/login?done=signed-out";
    private static final Logger log = LoggerFactory.getLogger(ProviderLogout.class);

    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClientRepository clients;
    private final JdbcTemplate jdbc;
    private final HashedAuthorizations.SessionEnding endSession;
    private final boolean secureCookies;

    ProviderLogout(
            OAuth2AuthorizationService authorizations,
            RegisteredClientRepository clients,
            JdbcTemplate jdbc,
            HashedAuthorizations.SessionEnding endSession,
            boolean secureCookies) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.jdbc = jdbc;
        this.endSession = endSession;
        this.secureCookies = secureCookies;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var logout = (OidcLogoutAuthenticationToken) authentication;
        var authorization = authorizations.findByToken(logout.getIdTokenHint(), ID_TOKEN);
        if (authorization == null) {
            refused(response, OAuth2ErrorCodes.INVALID_TOKEN);
            return;
        }
        var person = UUID.fromString(authorization.getPrincipalName());
        var signIn = authorization.getAttribute(Principal.class.getName()) instanceof BrowserSignIn b
                ? b.signInSession()
                : null;
        var ended = new LinkedHashSet<UUID>();
        if (signIn != null) {
            ended.add(signIn);
            ended.addAll(jdbc.queryForList(
                    "SELECT session_id FROM oidc_authorizations WHERE sign_in_session = ? AND principal_name = ?",
                    UUID.class,
                    signIn,
                    person.toString()));
        }
        var sid = logout.getIdToken().getClaimAsString(OidcTokens.SID);
        if (sid != null) {
            ended.add(UUID.fromString(sid));
        }
        ended.stream()
                .filter(Objects::nonNull)
                .forEach(session -> endSession.end(session, person, SessionEndReason.LOGOUT));
        response.addHeader(
                "Set-Cookie",
                SignInCookie.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                        + (secureCookies ? "; Secure" : ""));
        var client = clients.findById(authorization.getRegisteredClientId());
        var target = logout.getPostLogoutRedirectUri();
        String location;
        if (target != null
                && client != null
                && client.getPostLogoutRedirectUris().contains(target)) {
            var uri = UriComponentsBuilder.fromUriString(target);
            if (logout.getState() != null && !logout.getState().isEmpty()) {
                uri.queryParam("state", UriUtils.encode(logout.getState(), StandardCharsets.UTF_8));
            }
            location = uri.build(true).toUriString();
        } else {
            location = SIGNED_OUT;
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            log.debug("Logout refused: {}", oauth.getError().getDescription(), exception);
        }
        refused(
                response,
                exception instanceof OAuth2AuthenticationException oauth
                        ? oauth.getError().getErrorCode()
                        : OAuth2ErrorCodes.INVALID_REQUEST);
    }

    private static void refused(HttpServletResponse response, String error) throws IOException {
        AuthorizationResponses.errorPage(
                response,
                error,
                "This sign-out request cannot go on",
                "The application that sent you here did not say who is signing out in a way this service accepts, "
                        + "so nothing was ended. To sign out, open your account on this service and sign out there.");
    }
}
