package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A link to prove the user owns {@code email} was sent. {@code tokenHash} is the hex SHA-256 of the link's
 * token, never the token; only the newest request of a user counts, so each one voids those before it. The link
 * works until {@code expiresAt}.
 */
@Revision("1")
public record EmailVerificationRequested(
        @DataSubject UUID userId,
        @PersonalData String email,
        String tokenHash,
        Instant expiresAt,
        Instant requestedAt) {

    @Override
    public String toString() {
        return "EmailVerificationRequested[" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
