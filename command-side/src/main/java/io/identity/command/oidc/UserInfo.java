package io.identity.command.oidc;

import io.identity.command.session.LiveSessions;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.function.Function;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The userinfo endpoint's answer (§12): the token's {@code sub} and the person's claims for the scopes granted
 * ({@link UserClaims}), the same as in their id token. Spring has checked the token (signature, expiry, not
 * revoked, {@code openid} granted); here a token of an ended session, or of an account no longer active, is
 * {@code 401 invalid_token} as soon as the session ends.
 */
final class UserInfo
        implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo>, AuthenticationFailureHandler {

    private final Accounts accounts;
    private final LiveSessions sessions;
    private final UserClaims claims;

    UserInfo(Accounts accounts, LiveSessions sessions, UserClaims claims) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.claims = claims;
    }

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        var authorization = context.getAuthorization();
        var access = authorization.getAccessToken();
        var sessionId = access == null ? null : AuthorizationRows.sessionOf(access);
        var person = Introspection.person(authorization);
        if (sessionId == null || person == null || !sessions.isLive(sessionId)) {
            throw invalidToken();
        }
        var account = accounts.byId(person).filter(Account::active).orElseThrow(UserInfo::invalidToken);
        var all = new LinkedHashMap<String, Object>();
        all.put("sub", person.toString());
        all.putAll(claims.of(account, access.getToken().getScopes()));
        // a NumericDate here as in the id token (OpenID Connect Core §5.1)
        if (all.get("updated_at") instanceof Instant updated) {
            all.put("updated_at", updated.getEpochSecond());
        }
        return new OidcUserInfo(all);
    }

    /**
     * A refused token, as RFC 6750 §3 has it: {@code 401} with a Bearer challenge ({@code 403} for a token without
     * {@code openid}), and the error in the body too.
     */
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var error = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode()
                : OAuth2ErrorCodes.INVALID_TOKEN;
        if (!OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(error) && !OAuth2ErrorCodes.INVALID_REQUEST.equals(error)) {
            error = OAuth2ErrorCodes.INVALID_TOKEN;
        }
        response.setStatus(
                switch (error) {
                    case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> 403;
                    case OAuth2ErrorCodes.INVALID_REQUEST -> 400;
                    default -> 401;
                });
        response.setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }

    private static OAuth2AuthenticationException invalidToken() {
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "the token's session has ended", null));
    }
}
