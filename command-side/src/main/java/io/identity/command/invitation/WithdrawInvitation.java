package io.identity.command.invitation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revoke a pending invitation without asking: its company was deleted ({@code revokedBy} who deleted it), or its
 * invitee had everything about their address erased ({@code revokedBy} null). Answers whether it closed it now.
 */
record WithdrawInvitation(@TargetAggregateIdentifier UUID invitationId, UUID revokedBy) {}
