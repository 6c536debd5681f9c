package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close an invitation whose time ran out. */
public record ExpireInvitation(@TargetAggregateIdentifier UUID companyId, UUID invitationId) {
}
