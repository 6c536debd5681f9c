package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Archive the company.
 * {@code actorId} is who asks: the Company decides from its own members whether they may.
 */
public record DeleteCompany(@TargetAggregateIdentifier UUID companyId, UUID actorId) {}
