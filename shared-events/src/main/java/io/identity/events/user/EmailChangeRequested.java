package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user asked to move their account to {@code newEmail}; a confirmation link went there. Until it is
 * followed the address stays as it is. Only the hash of the link's token is kept; it replaces any link pending.
 */
@Revision("1")
public record EmailChangeRequested(
        @DataSubject UUID userId,
        @PersonalData String newEmail,
        String tokenHash,
        Instant expiresAt,
        Instant requestedAt) {

    @Override
    public String toString() {
        return "EmailChangeRequested[" + userId + "]";
    }
}
