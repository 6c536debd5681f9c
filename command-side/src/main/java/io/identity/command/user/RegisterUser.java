package io.identity.command.user;

import io.identity.events.user.RegistrationMethod;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create an account. The password arrives already hashed: no command carries a raw secret. {@code registeredAt} is
 * null but for an import that says when the other system made the account.
 */
record RegisterUser(
        @TargetAggregateIdentifier UUID userId,
        String username,
        String email,
        String passwordHash,
        String displayName,
        RegistrationMethod method,
        Instant registeredAt) {

    RegisterUser(
            UUID userId,
            String username,
            String email,
            String passwordHash,
            String displayName,
            RegistrationMethod method) {
        this(userId, username, email, passwordHash, displayName, method, null);
    }

    @Override
    public String toString() {
        return "RegisterUser[" + userId + "]";
    }
}
