package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a pending invitation; the company allowed it first ({@link CancelInvitation}). */
public record RevokeInvitation(@TargetAggregateIdentifier UUID invitationId, UUID actorId) {}
