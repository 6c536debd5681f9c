package io.identity.events.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user's personal data was erased for good: their data key is deleted, so every earlier event reads back
 * with their personal fields erased; their username and email are free again. Consumers delete their copies.
 *
 * @param invitationIds the invitations sent to their verified address, shredded with them (that address was
 *                      theirs), whatever became of them; empty in events stored before it was recorded
 */
@Revision("1")
public record UserErased(UUID userId, Instant erasedAt, List<UUID> invitationIds) {

    public UserErased {
        invitationIds = invitationIds == null ? List.of() : List.copyOf(invitationIds);
    }

    public UserErased(UUID userId, Instant erasedAt) {
        this(userId, erasedAt, List.of());
    }
}
