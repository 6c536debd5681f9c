package io.identity.command.user;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a new password after every security answer matched (checked by the caller). */
public record ResetPasswordWithAnswers(
        @TargetAggregateIdentifier UUID userId, String passwordHash) {

    @Override
    public String toString() {
        return "ResetPasswordWithAnswers[" + userId + "]";
    }
}
