package io.identity.command.user;

import io.identity.events.user.SecurityQuestion;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enrol security questions with hashed answers. */
public record SetSecurityQuestions(
        @TargetAggregateIdentifier UUID userId, List<SecurityQuestion> questions) {

    public SetSecurityQuestions {
        questions = List.copyOf(questions);
    }
}
