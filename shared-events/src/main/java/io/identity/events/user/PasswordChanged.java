package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user changed their password, knowing the current one. Every other session of theirs ends. */
@Revision("1")
public record PasswordChanged(
        @DataSubject UUID userId, @PersonalData String passwordHash, Instant changedAt) {

    @Override
    public String toString() {
        return "PasswordChanged[" + userId + "]";
    }
}
