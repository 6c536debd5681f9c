package io.identity.command.mfa;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a recovery code was spent (the caller deleted its digest). */
record UseRecoveryCode(@TargetAggregateIdentifier UUID factorsId, UUID userId) {

    UseRecoveryCode(UUID userId) {
        this(SecondFactors.idOf(userId), userId);
    }
}
