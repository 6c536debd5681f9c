package io.identity.events.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A reset link was sent to the user's address. Only the hash of its token is kept; it is valid until
 * {@code expiresAt}, once, and only while it is the newest request.
 */
@Revision("1")
public record PasswordResetRequested(UUID userId, String tokenHash, Instant expiresAt, Instant requestedAt) {

    @Override
    public String toString() {
        return "PasswordResetRequested[" + userId + "]";
    }
}
