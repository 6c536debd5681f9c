package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a pending invitation for its invitee, who had everything about their address erased. */
public record WithdrawInvitation(@TargetAggregateIdentifier UUID companyId, UUID invitationId) {
}
