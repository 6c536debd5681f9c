package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The company's part of a revocation: may the actor revoke this invitation? It no longer counts as pending. */
public record CancelInvitation(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID invitationId) {}
