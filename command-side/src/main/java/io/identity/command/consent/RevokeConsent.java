package io.identity.command.consent;

import io.identity.events.client.ConsentRevocationReason;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End the person's consent to the client; not found unless it is granted. */
public record RevokeConsent(@TargetAggregateIdentifier UUID consentId, ConsentRevocationReason reason) {

    public RevokeConsent(UUID userId, String clientId, ConsentRevocationReason reason) {
        this(Consent.idOf(userId, clientId), reason);
    }
}
