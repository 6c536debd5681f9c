package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create an account. The password arrives already hashed: no command carries a raw secret. */
public record RegisterUser(
        @TargetAggregateIdentifier UUID userId,
        String username,
        String email,
        String passwordHash,
        String displayName,
        String method) {

    @Override
    public String toString() {
        return "RegisterUser[" + userId + "]";
    }
}
