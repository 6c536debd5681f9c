package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user removed a provider's account from their ways to sign in. */
@Revision("1")
public record ExternalIdentityUnlinked(
        @DataSubject UUID userId,
        String provider,
        @PersonalData String subject,
        Instant unlinkedAt) {

    @Override
    public String toString() {
        return "ExternalIdentityUnlinked[" + userId + ", " + provider + "]";
    }
}
