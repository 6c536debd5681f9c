package io.identity.command.mfa;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a new set of {@code count} recovery codes (their digests are stored by the caller). */
record GenerateRecoveryCodes(@TargetAggregateIdentifier UUID factorsId, UUID userId, int count) {

    GenerateRecoveryCodes(UUID userId, int count) {
        this(SecondFactors.idOf(userId), userId, count);
    }
}
