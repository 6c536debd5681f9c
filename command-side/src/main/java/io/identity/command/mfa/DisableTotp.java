package io.identity.command.mfa;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switch off the authenticator app. */
record DisableTotp(@TargetAggregateIdentifier UUID factorsId, UUID userId) {

    DisableTotp(UUID userId) {
        this(SecondFactors.idOf(userId), userId);
    }
}
