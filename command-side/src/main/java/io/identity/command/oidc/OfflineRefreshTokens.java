package io.identity.command.oidc;

import io.identity.command.kernel.OpaqueTokens;
import java.time.Instant;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens (§12): a code gives one when the person granted {@code offline_access} or the client is
 * first-party, to public clients as well (they refresh with their client id, bound to it, rotated with reuse
 * detection like everyone's); a refresh gives the next one; {@code client_credentials} never gives one. The value
 * is 256 random bits; only its SHA-256 is kept.
 */
final class OfflineRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    static final String OFFLINE_ACCESS = "offline_access";

    @Override
    public OAuth2RefreshToken generate(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
            return null;
        }
        var client = context.getRegisteredClient();
        var grant = context.getAuthorizationGrantType();
        var owed = AuthorizationGrantType.REFRESH_TOKEN.equals(grant)
                || AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)
                        && (context.getAuthorizedScopes().contains(OFFLINE_ACCESS)
                                || RegisteredClients.firstParty(client));
        if (!owed || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            return null;
        }
        var issuedAt = Instant.now();
        return new OAuth2RefreshToken(
                OpaqueTokens.generate(),
                issuedAt,
                issuedAt.plus(client.getTokenSettings().getRefreshTokenTimeToLive()));
    }
}
