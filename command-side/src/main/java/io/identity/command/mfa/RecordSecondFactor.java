package io.identity.command.mfa;

import io.identity.events.mfa.SecondFactor;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a sign-in was finished with a second factor ({@code credentialId}: a passkey's, else null). */
public record RecordSecondFactor(
        @TargetAggregateIdentifier UUID factorsId, UUID userId, SecondFactor factor, String credentialId) {

    public RecordSecondFactor(UUID userId, SecondFactor factor, String credentialId) {
        this(SecondFactors.idOf(userId), userId, factor, credentialId);
    }
}
