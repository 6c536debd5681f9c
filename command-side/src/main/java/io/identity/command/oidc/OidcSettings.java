package io.identity.command.oidc;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The provider's static clients ({@code identity.oidc.clients.<client-id>.*}), configured by operators beside the
 * ones registered through {@code /oauth2/register}. Checked at start-up: a wrong setting stops the service.
 *
 * @param clients by client id ({@code [A-Za-z0-9._-]}, up to 64)
 */
@ConfigurationProperties("identity.oidc")
record OidcSettings(Map<String, StaticClient> clients) {

    /** The audience of this service's own API (§3–§8): a client whose tokens carry it is first-party. */
    static final String FIRST_PARTY = "identity";

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    OidcSettings {
        clients = clients != null ? Map.copyOf(clients) : Map.of();
        for (var client : clients.entrySet()) {
            var id = client.getKey();
            var prefix = "identity.oidc.clients." + id;
            if (!CLIENT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(prefix + ": a client id is 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-'");
            }
            var settings = client.getValue();
            if (!List.of("required", "implicit").contains(settings.consent())) {
                throw new IllegalArgumentException(prefix + ".consent: required or implicit");
            }
            if (settings.audience() != null
                    && !settings.audience().equals(id)
                    && !settings.audience().equals(FIRST_PARTY)) {
                throw new IllegalArgumentException(
                        prefix + ".audience: the client's own id (the default) or " + FIRST_PARTY);
            }
        }
    }

    /**
     * One static client.
     *
     * @param name                 the name people see on the consent page (default the client id)
     * @param secret               its secret; none makes it a public client (which always uses PKCE)
     * @param redirectUris         where authorization responses may go, matched exactly
     * @param postLogoutRedirectUris where a logout may send the browser
     * @param grantTypes           default {@code authorization_code, refresh_token}
     * @param scopes               the scopes it may ask for (default {@code openid})
     * @param consent              {@code required} (default) or {@code implicit}, for the operators' own applications
     * @param requirePkce          default true; a public client needs it whatever this says
     * @param audience             its access tokens' audience: its own id (the default), or {@code identity}, which
     *                             makes it first-party: its users' tokens call this service's own API, and it gets
     *                             refresh tokens without asking for {@code offline_access}
     * @param introspection        whether it may introspect any token (default: only its own)
     */
    record StaticClient(
            String name,
            String secret,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            List<String> grantTypes,
            List<String> scopes,
            String consent,
            Boolean requirePkce,
            String audience,
            boolean introspection) {

        StaticClient {
            redirectUris = redirectUris != null ? List.copyOf(redirectUris) : List.of();
            postLogoutRedirectUris = postLogoutRedirectUris != null ? List.copyOf(postLogoutRedirectUris) : List.of();
            grantTypes = grantTypes != null && !grantTypes.isEmpty()
                    ? List.copyOf(grantTypes)
                    : List.of("authorization_code", "refresh_token");
            scopes = scopes != null && !scopes.isEmpty() ? List.copyOf(scopes) : List.of("openid");
            consent = consent != null ? consent : "required";
            requirePkce = requirePkce == null || requirePkce || secret == null || secret.isBlank();
        }

        boolean firstParty() {
            return FIRST_PARTY.equals(audience);
        }

        boolean isPublic() {
            return secret == null || secret.isBlank();
        }

        @Override
        public String toString() {
            return "StaticClient[redirectUris=" + redirectUris + ", consent=" + consent + "]";
        }
    }
}
