package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user proved they own {@code email} by following the newest verification link in time. */
@Revision("1")
public record EmailVerified(
        @DataSubject UUID userId, @PersonalData String email, Instant verifiedAt) {

    @Override
    public String toString() {
        return "EmailVerified[" + userId + "]";
    }
}
