package io.identity.command.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationConsentAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The consent page's decision: {@code allow} grants the scopes the form names, anything else grants none, which
 * the authorization server answers with {@code access_denied} at the client's redirect URI.
 */
final class ConsentDecision implements AuthenticationConverter {

    private final OAuth2AuthorizationConsentAuthenticationConverter consent =
            new OAuth2AuthorizationConsentAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!(consent.convert(request) instanceof OAuth2AuthorizationConsentAuthenticationToken given)) {
            return null;
        }
        if ("allow".equals(request.getParameter("decision"))) {
            return given;
        }
        return new OAuth2AuthorizationConsentAuthenticationToken(
                given.getAuthorizationUri(),
                given.getClientId(),
                (Authentication) given.getPrincipal(),
                given.getState(),
                Set.of(),
                given.getAdditionalParameters());
    }
}
