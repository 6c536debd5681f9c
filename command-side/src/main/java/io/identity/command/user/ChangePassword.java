package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user sets a new password (the current one was checked by the caller). */
public record ChangePassword(@TargetAggregateIdentifier UUID userId, String passwordHash) {

    @Override
    public String toString() {
        return "ChangePassword[" + userId + "]";
    }
}
