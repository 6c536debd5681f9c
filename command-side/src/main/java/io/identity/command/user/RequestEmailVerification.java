package io.identity.command.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Send a new verification link for the user's address. Only the token's hash travels; the handler answers
 * whether a request was recorded (false when the address is verified already, so no mail is due).
 */
record RequestEmailVerification(
        @TargetAggregateIdentifier UUID userId, String email, String tokenHash, Instant expiresAt) {

    @Override
    public String toString() {
        return "RequestEmailVerification[" + userId + "]";
    }
}
