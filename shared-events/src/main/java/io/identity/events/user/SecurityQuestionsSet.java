package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import io.identity.events.Unpublished;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user enrolled (or re-enrolled) 3 to 5 security questions, in the order they are asked. The stream tells only
 * that they did: the questions may hint at the answers.
 */
@Revision("1")
public record SecurityQuestionsSet(
        @DataSubject UUID userId, @PersonalData @Unpublished List<SecurityQuestion> questions, Instant setAt) {

    public SecurityQuestionsSet {
        questions = List.copyOf(questions);
    }

    @Override
    public String toString() {
        return "SecurityQuestionsSet[" + userId + ", " + questions.size() + "]";
    }
}
