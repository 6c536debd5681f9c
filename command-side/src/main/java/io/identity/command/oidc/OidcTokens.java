package io.identity.command.oidc;

import io.identity.command.handling.Commands;
import io.identity.command.session.LiveSessions;
import io.identity.command.session.StartSession;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.events.session.SignInMethod;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What the authorization server's tokens say beyond Spring's defaults ({@code iss}, {@code sub}, {@code aud} = the
 * client id, {@code exp}, {@code iat}, {@code jti}; {@code nonce} and {@code azp} in id_tokens), and the user
 * session each authorization's tokens belong to.
 *
 * <p>Redeeming a code starts a new session of the user (method {@code OIDC}, lasting the refresh window), which
 * the user sees and can end like any other; its id is the tokens' {@code sid}. A refresh continues that session
 * and is refused ({@code invalid_grant}) once it has ended or the account is no longer active. Access tokens also
 * carry {@code client_id} and {@code scope} (space-separated); id_tokens carry {@code auth_time} (when the browser
 * signed in on the hosted pages) and, for the scopes granted, {@code email}, {@code email_verified} and
 * {@code preferred_username}. A token's {@code aud} is never {@code identity}, so no client's token calls this
 * service's own API.
 */
class OidcTokens implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String SID = "sid";

    private final Accounts accounts;
    private final LiveSessions sessions;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Clock clock;
    private final Duration sessionLifetime;

    OidcTokens(
            Accounts accounts,
            LiveSessions sessions,
            Commands commands,
            CommandGateway gateway,
            Clock clock,
            Duration sessionLifetime) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.commands = commands;
        this.gateway = gateway;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        var claims = context.getClaims();
        var clientId = context.getRegisteredClient().getClientId();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            claims.claim("client_id", clientId);
            claims.claims(all -> {
                if (all.get("scope") instanceof java.util.Collection<?> scopes) {
                    all.put(
                            "scope",
                            String.join(
                                    " ", scopes.stream().map(String::valueOf).toList()));
                }
            });
        }
        if (!(context.getPrincipal() instanceof BrowserSignIn signIn)) {
            // client_credentials: the client speaks for itself, no person and no session
            return;
        }
        var account = accounts.byId(signIn.userId()).filter(Account::active).orElseThrow(OidcTokens::invalidGrant);
        var grant = context.getAuthorizationGrantType();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            UUID sessionId;
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)) {
                sessionId = startSession(account);
            } else {
                sessionId = sessionOf(context);
                if (sessionId == null || !sessions.isLive(sessionId)) {
                    throw invalidGrant();
                }
            }
            claims.claim(SID, sessionId.toString());
            return;
        }
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            var sessionId = sessionOf(context);
            if (sessionId != null) {
                claims.claim(SID, sessionId.toString());
            }
            if (signIn.authTime() != null) {
                claims.claim("auth_time", signIn.authTime());
            }
            var scopes = context.getAuthorizedScopes();
            if (scopes.contains("email") && account.email() != null) {
                claims.claim("email", account.email());
                claims.claim("email_verified", account.emailVerified());
            }
            if (scopes.contains("profile")) {
                claims.claim("preferred_username", account.username());
            }
        }
    }

    private UUID startSession(Account account) {
        var sessionId = UUID.randomUUID();
        var expiresAt = clock.instant().plus(sessionLifetime);
        RequestContext.actor(account.userId());
        commands.run(() -> {
            gateway.sendAndWait(new StartSession(sessionId, account.userId(), SignInMethod.OIDC, expiresAt));
            return sessionId;
        });
        return sessionId;
    }

    /** The session of the authorization's current access token (the one just made, for an id_token). */
    private static UUID sessionOf(JwtEncodingContext context) {
        var authorization = context.getAuthorization();
        if (authorization == null || authorization.getAccessToken() == null) {
            return null;
        }
        var claims = authorization.getAccessToken().getClaims();
        var sid = claims == null ? null : claims.get(SID);
        return sid == null ? null : UUID.fromString(sid.toString());
    }

    private static OAuth2AuthenticationException invalidGrant() {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_GRANT, "the session has ended or the account is not active", null));
    }
}
