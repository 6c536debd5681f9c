package io.identity.command.mfa;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove one of the person's passkeys (the caller deletes its stored key). */
record RemovePasskey(@TargetAggregateIdentifier UUID factorsId, UUID userId, String credentialId) {

    RemovePasskey(UUID userId, String credentialId) {
        this(SecondFactors.idOf(userId), userId, credentialId);
    }
}
