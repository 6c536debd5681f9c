package io.identity.command.mfa;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch on the authenticator app whose first code was just confirmed. */
record EnableTotp(@TargetAggregateIdentifier UUID factorsId, UUID userId) {

    EnableTotp(UUID userId) {
        this(SecondFactors.idOf(userId), userId);
    }
}
