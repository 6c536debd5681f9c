package io.identity.command.oidc;

import io.identity.command.client.ClientLookup;
import io.identity.command.kernel.OpaqueTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients the authorization server knows: those registered through RFC 7591 ({@link ClientLookup}), as they
 * are now (an update or a deletion counts at once, on every instance). A client's secret is its SHA-256, compared
 * in constant time ({@link #SECRETS}); its redirect URIs are matched exactly; every client must use PKCE (S256,
 * the only method offered); its grants and scopes are those it registered; and it needs the person's consent.
 * The client id is also the registered client's id. Clients are registered through {@code /oauth2/register}
 * only: {@link #save} is refused.
 */
class RegisteredClients implements RegisteredClientRepository {

    /** Client secrets as they are kept: the hex SHA-256 of the secret, never the secret. */
    static final PasswordEncoder SECRETS = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return OpaqueTokens.hashHex(raw.toString());
        }

        @Override
        public boolean matches(CharSequence raw, String stored) {
            return raw != null
                    && stored != null
                    && MessageDigest.isEqual(
                            encode(raw).getBytes(StandardCharsets.US_ASCII),
                            stored.getBytes(StandardCharsets.US_ASCII));
        }
    };

    /** How long a code lives (§12). */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    private final ClientLookup clients;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    RegisteredClients(ClientLookup clients, Duration accessLifetime, Duration refreshLifetime) {
        this.clients = clients;
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are registered through /oauth2/register");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (clientId == null || clientId.isBlank() || clientId.length() > 64) {
            return null;
        }
        return clients.find(clientId).map(this::of).orElse(null);
    }

    private RegisteredClient of(ClientLookup.Registered registered) {
        var metadata = registered.metadata();
        var client = RegisteredClient.withId(registered.clientId())
                .clientId(registered.clientId())
                .clientIdIssuedAt(registered.registeredAt())
                .clientName(metadata.clientName() == null ? registered.clientId() : metadata.clientName())
                .clientAuthenticationMethod(new ClientAuthenticationMethod(metadata.tokenEndpointAuthMethod()))
                .redirectUris(uris -> uris.addAll(metadata.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(metadata.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(metadata.scopes()))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(true)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(CODE_LIFETIME)
                        .accessTokenTimeToLive(accessLifetime)
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .refreshTokenTimeToLive(refreshLifetime)
                        .reuseRefreshTokens(false)
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                        .build());
        metadata.grantTypes().forEach(grant -> client.authorizationGrantType(new AuthorizationGrantType(grant)));
        if (!metadata.isPublic()) {
            client.clientSecret(clients.secretHash(registered.clientId()).orElse(null))
                    .clientSecretExpiresAt((Instant) null);
        }
        return client.build();
    }
}
