package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a new password with a reset link's token (by its hash). */
public record ResetPassword(@TargetAggregateIdentifier UUID userId, String tokenHash, String passwordHash) {

    @Override
    public String toString() {
        return "ResetPassword[" + userId + "]";
    }
}
