package io.identity.command.oidc;

import io.identity.command.session.LiveSessions;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Introspection (RFC 7662) as §12 has it, around Spring's: {@code {"active": false}} for anything expired,
 * revoked, unknown, of an ended session or of an account no longer active; a client learns only of tokens issued
 * to it unless it may introspect any ({@code identity.oidc.clients.<id>.introspection}); an active answer adds
 * {@code username}, and for a refresh token its {@code sub}, {@code scope} and {@code token_type}.
 */
final class Introspection implements AuthenticationProvider {

    private final AuthenticationProvider spring;
    private final OAuth2AuthorizationService authorizations;
    private final LiveSessions sessions;
    private final Accounts accounts;

    Introspection(
            AuthenticationProvider spring,
            OAuth2AuthorizationService authorizations,
            LiveSessions sessions,
            Accounts accounts) {
        this.spring = spring;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var answer = (OAuth2TokenIntrospectionAuthenticationToken) spring.authenticate(authentication);
        if (answer == null || !answer.getTokenClaims().isActive()) {
            return answer;
        }
        var caller = (OAuth2ClientAuthenticationToken) answer.getPrincipal();
        var authorization = authorizations.findByToken(answer.getToken(), null);
        if (authorization == null || !mayLearn(caller, authorization) || !live(authorization)) {
            return inactive(answer);
        }
        var claims = OAuth2TokenIntrospection.withClaims(answer.getTokenClaims().getClaims());
        var token = authorization.getToken(answer.getToken());
        var person = person(authorization);
        if (person != null) {
            var account = accounts.byId(person).filter(Account::active);
            if (account.isEmpty()) {
                return inactive(answer);
            }
            claims.username(account.get().username());
            if (token != null && token.getToken() instanceof OAuth2RefreshToken) {
                claims.subject(person.toString())
                        .tokenType("refresh_token")
                        .scopes(scopes -> scopes.addAll(authorization.getAuthorizedScopes()));
            }
        }
        return new OAuth2TokenIntrospectionAuthenticationToken(answer.getToken(), caller, claims.build());
    }

    private static boolean mayLearn(OAuth2ClientAuthenticationToken caller, OAuth2Authorization authorization) {
        var client = caller.getRegisteredClient();
        return client != null
                && (client.getId().equals(authorization.getRegisteredClientId())
                        || RegisteredClients.mayIntrospectAny(client));
    }

    /** A person's tokens count while their session does; a client's own ({@code client_credentials}) have none. */
    private boolean live(OAuth2Authorization authorization) {
        var access = authorization.getToken(OAuth2AccessToken.class);
        var sessionId = access == null ? null : AuthorizationRows.sessionOf(access);
        return sessionId == null ? person(authorization) == null : sessions.isLive(sessionId);
    }

    /** The person the authorization is for, or null for a client's own. */
    static UUID person(OAuth2Authorization authorization) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            return null;
        }
        try {
            return UUID.fromString(authorization.getPrincipalName());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OAuth2TokenIntrospectionAuthenticationToken inactive(
            OAuth2TokenIntrospectionAuthenticationToken answer) {
        return new OAuth2TokenIntrospectionAuthenticationToken(
                answer.getToken(),
                (Authentication) answer.getPrincipal(),
                OAuth2TokenIntrospection.builder().build());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
