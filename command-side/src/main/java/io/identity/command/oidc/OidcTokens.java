package io.identity.command.oidc;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.session.LiveSessions;
import io.identity.command.session.StartSession;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.events.session.SignInMethod;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What the authorization server's tokens say beyond Spring's defaults ({@code iss}, {@code sub}, {@code aud} = the
 * client id, {@code exp}, {@code iat}, {@code jti}; {@code nonce} and {@code azp} in id_tokens), and the user
 * session each authorization's tokens belong to.
 *
 * <p>Redeeming a code starts a new session of the user (method {@code OIDC}, lasting the refresh window), which
 * the user sees and can end like any other; its id is the tokens' {@code sid}. A refresh continues that session
 * and is refused ({@code invalid_grant}) once it has ended or the account is no longer active; with
 * {@code company_id} its access token names the active company ({@code company: {id, role}}). Access tokens also
 * carry {@code client_id} and {@code scope} (space-separated); their {@code aud} is the client's id, or
 * {@code identity} for a first-party client only, so no third party's token calls this service's own API.
 * id_tokens carry {@code auth_time} (when the browser signed in on the hosted pages), {@code amr},
 * {@code at_hash}, and the person's claims for the scopes granted ({@link UserClaims}).
 */
class OidcTokens implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String SID = "sid";

    private final Accounts accounts;
    private final LiveSessions sessions;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final UserClaims userClaims;

    OidcTokens(
            Accounts accounts,
            LiveSessions sessions,
            Commands commands,
            CommandGateway gateway,
            Clock clock,
            Duration sessionLifetime,
            UserClaims userClaims) {
        this.userClaims = userClaims;
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
        var client = context.getRegisteredClient();
        var access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        if (access) {
            claims.claim("client_id", client.getClientId());
            claims.claims(all -> {
                if (all.get("scope") instanceof Collection<?> scopes) {
                    all.put(
                            "scope",
                            String.join(
                                    " ", scopes.stream().map(String::valueOf).toList()));
                }
            });
            if (RegisteredClients.firstParty(client)) {
                claims.audience(List.of(OidcSettings.FIRST_PARTY));
            }
        }
        if (!(context.getPrincipal() instanceof BrowserSignIn signIn)) {
            // client_credentials: the client speaks for itself, no person and no session
            return;
        }
        var account = accounts.byId(signIn.userId()).filter(Account::active).orElseThrow(OidcTokens::invalidGrant);
        var grant = context.getAuthorizationGrantType();
        if (access) {
            UUID sessionId;
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)) {
                sessionId = startSession(account, amr(signIn));
            } else {
                sessionId = sessionOf(context);
                if (sessionId == null || !sessions.isLive(sessionId)) {
                    throw invalidGrant();
                }
                activeCompany(context, account).ifPresent(company -> claims.claim("company", company));
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
            claims.claim("amr", amr(signIn));
            var accessToken = context.getAuthorization() == null
                    ? null
                    : context.getAuthorization().getAccessToken();
            if (accessToken != null) {
                claims.claim("at_hash", atHash(accessToken.getToken().getTokenValue()));
            }
            userClaims.of(account, context.getAuthorizedScopes()).forEach(claims::claim);
        }
    }

    /**
     * How the person signed in on the hosted pages (RFC 8176), as their session there recorded it: {@code pwd},
     * {@code fed} through another provider, and with a second factor its own and {@code mfa}.
     */
    List<String> amr(BrowserSignIn signIn) {
        var amr = signIn.signInSession() == null ? List.<String>of() : sessions.amrOf(signIn.signInSession());
        // mutable: the claims are stored with the authorization, whose reader allows only mutable collections
        return new ArrayList<>(amr.isEmpty() ? List.of("pwd") : amr);
    }

    /** OpenID Connect Core §3.1.3.6: the left half of the access token's SHA-256, base64url without padding. */
    static String atHash(String accessToken) {
        var digest = OpaqueTokens.hash(accessToken);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    /**
     * The company a refresh named ({@code company_id}) as {@code {id, role}}; {@code invalid_request} when it is not
     * a company the person belongs to.
     */
    private Optional<Map<String, Object>> activeCompany(JwtEncodingContext context, Account account) {
        if (!(context.getAuthorizationGrant() instanceof OAuth2RefreshTokenAuthenticationToken refresh)
                || !(refresh.getAdditionalParameters().get("company_id") instanceof String asked)) {
            return Optional.empty();
        }
        UUID companyId;
        try {
            companyId = UUID.fromString(asked);
        } catch (IllegalArgumentException e) {
            throw invalidRequest("company_id is not a company id");
        }
        var company = userClaims.activeCompany(account, companyId);
        if (company == null) {
            throw invalidRequest("company_id names no company of the person's");
        }
        return Optional.of(company);
    }

    private UUID startSession(Account account, List<String> amr) {
        var sessionId = UUID.randomUUID();
        var expiresAt = clock.instant().plus(sessionLifetime);
        RequestContext.actor(account.userId());
        commands.run(() -> {
            gateway.sendAndWait(new StartSession(sessionId, account.userId(), SignInMethod.OIDC, expiresAt, amr));
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

    private static OAuth2AuthenticationException invalidRequest(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }

    private static OAuth2AuthenticationException invalidGrant() {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_GRANT, "the session has ended or the account is not active", null));
    }
}
