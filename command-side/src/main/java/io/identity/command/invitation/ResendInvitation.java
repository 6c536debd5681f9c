package io.identity.command.invitation;

import io.identity.command.company.RenewInvitation;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a pending invitation's link with a new one (by its hash) until {@code expiresAt}, which the company set
 * ({@link RenewInvitation}); answers the invited address, for the mail.
 */
record ResendInvitation(
        @TargetAggregateIdentifier UUID invitationId, UUID actorId, String tokenHash, Instant expiresAt) {

    @Override
    public String toString() {
        return "ResendInvitation[" + invitationId + "]";
    }
}
