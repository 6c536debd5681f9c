package io.identity.command.oidc;

import io.identity.command.kernel.IdentitySettings;
import io.identity.command.session.LiveSessions;
import io.identity.command.user.Accounts;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * The provider's endpoints beyond the code flow, as §12 has them, for {@link OidcSecurityConfiguration} to put in
 * Spring's place: introspection ({@link Introspection}), revocation ({@link Revocation}), userinfo
 * ({@link UserInfo}), RP-initiated logout ({@link ProviderLogout}) and public clients' refresh
 * ({@link PublicClientRefresh}).
 */
@Component
class ProviderEndpoints {

    private final OAuth2AuthorizationService authorizations;
    private final LiveSessions sessions;
    private final Accounts accounts;
    private final HashedAuthorizations.SessionEnding endSession;
    private final RegisteredClientRepository clients;
    private final UserInfo userInfo;
    private final ProviderLogout logout;
    private final Clock clock;

    ProviderEndpoints(
            OAuth2AuthorizationService authorizations,
            LiveSessions sessions,
            Accounts accounts,
            HashedAuthorizations.SessionEnding endSession,
            RegisteredClientRepository clients,
            UserInfo userInfo,
            JdbcTemplate jdbc,
            IdentitySettings settings,
            Clock clock) {
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.accounts = accounts;
        this.endSession = endSession;
        this.clients = clients;
        this.userInfo = userInfo;
        this.clock = clock;
        this.logout = new ProviderLogout(
                authorizations, clients, jdbc, endSession, settings.publicUrl().startsWith("https:"));
    }

    OAuth2AuthorizationService authorizations() {
        return authorizations;
    }

    UserInfo userInfo() {
        return userInfo;
    }

    ProviderLogout logout() {
        return logout;
    }

    Clock clock() {
        return clock;
    }

    AuthenticationProvider publicClientRefresh() {
        return new PublicClientRefresh(clients);
    }

    void introspection(List<AuthenticationProvider> providers) {
        providers.replaceAll(provider -> provider instanceof OAuth2TokenIntrospectionAuthenticationProvider
                ? new Introspection(provider, authorizations, sessions, accounts)
                : provider);
    }

    void revocation(List<AuthenticationProvider> providers) {
        providers.replaceAll(provider -> provider instanceof OAuth2TokenRevocationAuthenticationProvider
                ? new Revocation(provider, authorizations, sessions, endSession)
                : provider);
    }

    /**
     * Spring refuses a {@code post_logout_redirect_uri} the client did not register; here the sign-out still
     * happens and the browser goes to the signed-out page instead ({@link ProviderLogout}).
     */
    void logoutRequests(List<AuthenticationProvider> providers) {
        providers.forEach(provider -> {
            if (provider instanceof OidcLogoutAuthenticationProvider logouts) {
                logouts.setAuthenticationValidator(context -> {});
            }
        });
    }
}
