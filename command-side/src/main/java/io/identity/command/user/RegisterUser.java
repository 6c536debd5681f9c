package io.identity.command.user;

import io.identity.events.user.RegistrationMethod;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create an account. The password arrives already hashed: no command carries a raw secret. */
record RegisterUser(
        @TargetAggregateIdentifier UUID userId,
        String username,
        String email,
        String passwordHash,
        String displayName,
        RegistrationMethod method) {

    @Override
    public String toString() {
        return "RegisterUser[" + userId + "]";
    }
}
