package io.identity.command.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send a confirmation link to a new address; only its token's hash is in the command. */
record RequestEmailChange(
        @TargetAggregateIdentifier UUID userId, String newEmail, String tokenHash, Instant expiresAt) {

    @Override
    public String toString() {
        return "RequestEmailChange[" + userId + "]";
    }
}
