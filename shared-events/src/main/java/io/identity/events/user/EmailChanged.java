package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user confirmed their new address from a link sent to it: it is the account's address, verified. */
@Revision("1")
public record EmailChanged(
        @DataSubject UUID userId,
        @PersonalData String previousEmail,
        @PersonalData String email,
        Instant changedAt) {

    @Override
    public String toString() {
        return "EmailChanged[" + userId + "]";
    }
}
