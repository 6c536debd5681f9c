package io.identity.events.client;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An application was registered as a client of the OpenID Connect provider (RFC 7591). Its secret and its
 * registration access token are held only as their SHA-256 ({@code secretHash} null for a public client, whose
 * {@code tokenEndpointAuthMethod} is {@code none}); the metadata is what RFC 7591 names it.
 */
@Revision("1")
public record ClientRegistered(
        String clientId,
        String clientName,
        String tokenEndpointAuthMethod,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> grantTypes,
        List<String> scopes,
        String secretHash,
        String registrationTokenHash,
        Instant registeredAt) {

    public ClientRegistered {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = List.copyOf(grantTypes);
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "ClientRegistered[" + clientId + "]";
    }
}
