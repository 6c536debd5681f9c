package io.identity.command.oidc;

import io.identity.command.session.LiveSessions;
import io.identity.events.session.SessionEndReason;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Revocation (RFC 7009) as §12 has it, around Spring's: always {@code 200} for an authenticated client; a token
 * of another client's is left alone (and the caller learns nothing of it); revoking a person's access or refresh
 * token ends the session its authorization started, so the refresh token stops at once and the access tokens are
 * refused by introspection and userinfo at once and by this service within its session check's delay.
 */
final class Revocation implements AuthenticationProvider {

    private final AuthenticationProvider spring;
    private final OAuth2AuthorizationService authorizations;
    private final LiveSessions sessions;
    private final HashedAuthorizations.SessionEnding endSession;

    Revocation(
            AuthenticationProvider spring,
            OAuth2AuthorizationService authorizations,
            LiveSessions sessions,
            HashedAuthorizations.SessionEnding endSession) {
        this.spring = spring;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.endSession = endSession;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = (OAuth2TokenRevocationAuthenticationToken) authentication;
        var caller = request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client ? client : null;
        var authorization = authorizations.findByToken(request.getToken(), null);
        if (caller == null
                || !caller.isAuthenticated()
                || authorization == null
                || !authorization
                        .getRegisteredClientId()
                        .equals(caller.getRegisteredClient().getId())) {
            // Spring refuses an unauthenticated caller itself; an unknown or foreign token is a quiet success
            return caller == null || !caller.isAuthenticated() ? spring.authenticate(authentication) : request;
        }
        var revoked = spring.authenticate(authentication);
        var access = authorization.getToken(OAuth2AccessToken.class);
        var sessionId = access == null ? null : AuthorizationRows.sessionOf(access);
        var person = Introspection.person(authorization);
        if (sessionId != null && person != null && sessions.isLive(sessionId)) {
            endSession.end(sessionId, person, SessionEndReason.REVOKED);
        }
        return revoked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
