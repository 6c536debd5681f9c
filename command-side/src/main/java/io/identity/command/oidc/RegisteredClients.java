package io.identity.command.oidc;

import io.identity.command.client.ClientLookup;
import io.identity.command.client.ClientMetadata;
import io.identity.command.kernel.OpaqueTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clients the authorization server knows: those registered through RFC 7591 ({@link ClientLookup}), as they
 * are now (an update or a deletion counts at once, on every instance). A client's secret is its SHA-256, compared
 * in constant time ({@link #SECRETS}); its redirect URIs are matched exactly; every client must use PKCE (S256,
 * the only method offered); its grants and scopes are those it registered; and it needs the person's consent.
 * The client id is also the registered client's id. Static clients ({@link OidcSettings}) come first, held to the
 * same rules; they may skip consent ({@code implicit}) and, when confidential, PKCE. Nothing is saved here:
 * {@link #save} is refused.
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
            return raw != null && OpaqueTokens.matches(raw.toString(), stored);
        }
    };

    /** How long a code lives (§12). */
    static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    /** A client setting: its access tokens' audience is this service's own API ({@code identity}). */
    private static final String FIRST_PARTY = "identity.first-party";
    /** A client setting: it may introspect any token, not only its own. */
    private static final String INTROSPECTION = "identity.introspection";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClientLookup clients;
    /** The static clients, by id: they come before the registered ones. */
    private final Map<String, RegisteredClient> statics;

    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    RegisteredClients(ClientLookup clients, OidcSettings settings, Duration accessLifetime, Duration refreshLifetime) {
        this.clients = clients;
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        var configured = new HashMap<String, RegisteredClient>();
        settings.clients().forEach((id, client) -> configured.put(id, configured(id, client)));
        this.statics = Map.copyOf(configured);
    }

    /** A static client, held to the same rules as a registered one ({@link ClientMetadata#parse}). */
    private RegisteredClient configured(String id, OidcSettings.StaticClient client) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("client_name", client.name() == null ? id : client.name());
        metadata.put("token_endpoint_auth_method", client.isPublic() ? "none" : "client_secret_basic");
        metadata.put("redirect_uris", client.redirectUris());
        metadata.put("post_logout_redirect_uris", client.postLogoutRedirectUris());
        metadata.put("grant_types", client.grantTypes());
        metadata.put("scope", String.join(" ", client.scopes()));
        ClientMetadata checked;
        try {
            checked = ClientMetadata.parse(JSON.writeValueAsString(metadata));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("identity.oidc.clients." + id + ": " + e.getMessage(), e);
        }
        var built = RegisteredClient.from(registered(
                id,
                null,
                checked,
                client.isPublic() ? null : SECRETS.encode(client.secret()),
                client.consent().equals("required"),
                client.requirePkce(),
                client.firstParty(),
                client.introspection()));
        if (!client.isPublic()) {
            built.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        return built.build();
    }

    /** Whether the client's access tokens are for this service's own API ({@code aud} {@code identity}). */
    static boolean firstParty(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(FIRST_PARTY));
    }

    /** Whether the client may introspect tokens issued to other clients. */
    static boolean mayIntrospectAny(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(INTROSPECTION));
    }

    /** Clients come from {@code /oauth2/register} and the settings; the authorization server never adds one. */
    @Override
    public void save(RegisteredClient registeredClient) {
        throw new IllegalStateException("clients are registered through /oauth2/register");
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
        var configured = statics.get(clientId);
        if (configured != null) {
            return configured;
        }
        return clients.find(clientId)
                .map(found -> registered(
                        found.clientId(),
                        found.registeredAt(),
                        found.metadata(),
                        found.metadata().isPublic()
                                ? null
                                : clients.secretHash(found.clientId()).orElse(null),
                        true,
                        true,
                        false,
                        false))
                .orElse(null);
    }

    private RegisteredClient registered(
            String clientId,
            Instant issuedAt,
            ClientMetadata metadata,
            String secretHash,
            boolean consent,
            boolean pkce,
            boolean firstParty,
            boolean introspection) {
        var client = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientIdIssuedAt(issuedAt)
                .clientName(metadata.clientName() == null ? clientId : metadata.clientName())
                .clientAuthenticationMethod(new ClientAuthenticationMethod(metadata.tokenEndpointAuthMethod()))
                .redirectUris(uris -> uris.addAll(metadata.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(metadata.postLogoutRedirectUris()))
                .scopes(scopes -> scopes.addAll(metadata.scopes()))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(pkce || metadata.isPublic())
                        .requireAuthorizationConsent(consent)
                        .setting(FIRST_PARTY, firstParty)
                        .setting(INTROSPECTION, introspection)
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
            client.clientSecret(secretHash).clientSecretExpiresAt((Instant) null);
        }
        return client.build();
    }
}
