package io.identity.command.user;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erase the user's personal data (the current password and the last-owner rule were checked by the caller), with
 * the invitations sent to their verified address.
 */
public record EraseUser(@TargetAggregateIdentifier UUID userId, List<UUID> invitationIds) {

    public EraseUser {
        invitationIds = invitationIds == null ? List.of() : List.copyOf(invitationIds);
    }

    public EraseUser(UUID userId) {
        this(userId, List.of());
    }
}
