package io.identity.command.mfa;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a passkey whose registration was just verified (its public key is stored by the caller). */
record RegisterPasskey(
        @TargetAggregateIdentifier UUID factorsId, UUID userId, String credentialId, String name, String aaguid) {

    RegisterPasskey(UUID userId, String credentialId, String name, String aaguid) {
        this(SecondFactors.idOf(userId), userId, credentialId, name, aaguid);
    }

    @Override
    public String toString() {
        return "RegisterPasskey[" + userId + ", " + credentialId + "]";
    }
}
