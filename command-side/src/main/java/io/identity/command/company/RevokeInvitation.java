package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a pending invitation. */
public record RevokeInvitation(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID invitationId) {
}
