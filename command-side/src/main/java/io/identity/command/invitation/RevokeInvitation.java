package io.identity.command.invitation;

import io.identity.command.company.CancelInvitation;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a pending invitation; the company allowed it first ({@link CancelInvitation}). */
record RevokeInvitation(@TargetAggregateIdentifier UUID invitationId, UUID actorId) {}
