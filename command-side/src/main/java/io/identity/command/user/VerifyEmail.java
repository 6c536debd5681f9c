package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Verify the user's address with the hash of the token their link carried. */
record VerifyEmail(@TargetAggregateIdentifier UUID userId, String tokenHash) {

    @Override
    public String toString() {
        return "VerifyEmail[" + userId + "]";
    }
}
