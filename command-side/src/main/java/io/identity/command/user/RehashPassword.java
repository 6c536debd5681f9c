package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Store the same password hashed at the configured cost. */
public record RehashPassword(@TargetAggregateIdentifier UUID userId, String passwordHash) {

    @Override
    public String toString() {
        return "RehashPassword[" + userId + "]";
    }
}
