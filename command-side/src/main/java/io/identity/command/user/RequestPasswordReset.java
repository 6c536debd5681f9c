package io.identity.command.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send a reset link; only its token's hash is in the command. */
public record RequestPasswordReset(
        @TargetAggregateIdentifier UUID userId, String tokenHash, Instant expiresAt) {

    @Override
    public String toString() {
        return "RequestPasswordReset[" + userId + "]";
    }
}
