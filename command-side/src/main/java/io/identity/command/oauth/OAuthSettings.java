package io.identity.command.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in through OpenID Connect providers ({@code identity.oauth.*}).
 *
 * @param providers           by the id that names them in paths and events ({@code [a-z0-9-]}, up to 64)
 * @param allowedRedirectUris the application addresses a flow may end at, for every provider (exact match)
 * @param flowLifetime        how long a started sign-in may take at the provider (default 10 min)
 * @param codeLifetime        how long the one-time code handed to the application lives (default 60 s)
 * @param timeout             connect and read timeout of every call to a provider (default 5 s)
 */
@ConfigurationProperties("identity.oauth")
record OAuthSettings(
        Map<String, Provider> providers,
        List<String> allowedRedirectUris,
        Duration flowLifetime,
        Duration codeLifetime,
        Duration timeout) {

    private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Checked at start-up: a wrong setting stops the service instead of failing sign-ins later. */
    public OAuthSettings {
        providers = providers != null ? Map.copyOf(providers) : Map.of();
        allowedRedirectUris = allowedRedirectUris != null ? List.copyOf(allowedRedirectUris) : List.of();
        for (var provider : providers.entrySet()) {
            if (!PROVIDER_ID.matcher(provider.getKey()).matches()) {
                throw new IllegalArgumentException("identity.oauth.providers: the id '" + provider.getKey()
                        + "' must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'");
            }
            if (provider.getValue().issuerUri() == null || provider.getValue().clientId() == null) {
                throw new IllegalArgumentException(
                        "identity.oauth.providers." + provider.getKey() + ": issuer-uri and client-id are required");
            }
            provider.getValue().allowedRedirectUris().forEach(OAuthSettings::checkRedirectUri);
        }
        allowedRedirectUris.forEach(OAuthSettings::checkRedirectUri);
        flowLifetime = flowLifetime != null ? flowLifetime : Duration.ofMinutes(10);
        codeLifetime = codeLifetime != null ? codeLifetime : Duration.ofSeconds(60);
        timeout = timeout != null ? timeout : Duration.ofSeconds(5);
    }

    /**
     * One provider.
     *
     * @param issuerUri           its issuer; the configuration is discovered from
     *                            {@code <issuer-uri>/.well-known/openid-configuration}
     * @param clientId            our client id there
     * @param clientSecret        our client secret there
     * @param scopes              asked for (default {@code openid email profile}; {@code openid} is always asked)
     * @param allowedRedirectUris more application addresses allowed for this provider only
     * @param trustEmail          whether an address this provider says it verified counts as verified here
     *                            (default false): only then may it be an account's address or find one to link
     * @param displayName         how the pages name it ("Sign in with …"); default the id with a capital
     */
    public record Provider(
            String issuerUri,
            String clientId,
            String clientSecret,
            List<String> scopes,
            List<String> allowedRedirectUris,
            boolean trustEmail,
            String displayName) {

        public Provider {
            scopes = scopes != null && !scopes.isEmpty() ? List.copyOf(scopes) : List.of("openid", "email", "profile");
            allowedRedirectUris = allowedRedirectUris != null ? List.copyOf(allowedRedirectUris) : List.of();
        }

        @Override
        public String toString() {
            return "Provider[issuerUri=" + issuerUri + ", clientId=" + clientId + ", trustEmail=" + trustEmail + "]";
        }

        /** The name people see: the configured display name, else the id with a capital ({@code google}: Google). */
        String nameFor(String id) {
            if (displayName != null && !displayName.isBlank()) {
                return displayName.strip();
            }
            return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
        }
    }

    /** An application address: absolute http(s), no fragment (RFC 6749 §3.1.2), so parameters can be added. */
    private static void checkRedirectUri(String uri) {
        try {
            var parsed = new URI(uri);
            if (!parsed.isAbsolute()
                    || !List.of("http", "https").contains(parsed.getScheme().toLowerCase(Locale.ROOT))
                    || parsed.getRawFragment() != null
                    || parsed.getHost() == null) {
                throw new URISyntaxException(uri, "not an absolute http(s) address without fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "identity.oauth: the redirect address '" + uri
                            + "' must be an absolute http(s) URL without fragment",
                    e);
        }
    }

    /** The addresses a flow through this provider may end at: the shared list and the provider's own. */
    Set<String> redirectUris(Provider provider) {
        var uris = new LinkedHashSet<>(allowedRedirectUris);
        uris.addAll(provider.allowedRedirectUris());
        return uris;
    }
}
