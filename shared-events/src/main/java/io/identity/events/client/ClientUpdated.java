package io.identity.events.client;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A client's metadata was replaced through its registration (RFC 7592 update); its secret stays as it was. */
@Revision("1")
public record ClientUpdated(
        String clientId,
        String clientName,
        String tokenEndpointAuthMethod,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> grantTypes,
        List<String> scopes,
        Instant updatedAt) {

    public ClientUpdated {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        grantTypes = List.copyOf(grantTypes);
        scopes = List.copyOf(scopes);
    }
}
