package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remove a member; removing yourself is leaving.
 * {@code actorId} is who asks: the Company decides from its own members whether they may.
 */
record RemoveMember(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID userId) {}
