package io.identity.events.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person allowed an application (a client of the OpenID Connect provider) the {@code scopes} on the consent page;
 * granted again with other scopes, the consent records the whole new set in another {@code ConsentGranted}. The
 * consent's own stream ({@code consentId}) is one per person and client.
 */
@Revision("1")
public record ConsentGranted(UUID consentId, UUID userId, String clientId, List<String> scopes, Instant grantedAt) {

    public ConsentGranted {
        scopes = List.copyOf(scopes);
    }
}
