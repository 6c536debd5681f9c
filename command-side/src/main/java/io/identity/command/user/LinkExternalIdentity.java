package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let a provider's account sign the user in (the id_token naming it was checked by the caller). */
public record LinkExternalIdentity(
        @TargetAggregateIdentifier UUID userId, String provider, String subject, String email) {

    @Override
    public String toString() {
        return "LinkExternalIdentity[" + userId + ", " + provider + "]";
    }
}
