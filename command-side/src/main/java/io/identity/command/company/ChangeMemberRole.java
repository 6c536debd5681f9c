package io.identity.command.company;

import io.identity.events.company.CompanyRole;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a member another role.
 * {@code actorId} is who asks: the Company decides from its own members whether they may.
 */
record ChangeMemberRole(@TargetAggregateIdentifier UUID companyId, UUID actorId, UUID userId, CompanyRole role) {}
