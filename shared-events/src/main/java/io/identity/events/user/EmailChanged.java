package io.identity.events.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The user confirmed their new address from a link sent to it: it is the account's address, verified. */
@Revision("1")
public record EmailChanged(UUID userId, String previousEmail, String email, Instant changedAt) {

    @Override
    public String toString() {
        return "EmailChanged[" + userId + "]";
    }
}
