package io.identity.command.company;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Found a company; {@code ownerId} becomes its first OWNER. */
public record CreateCompany(@TargetAggregateIdentifier UUID companyId, String name, String description, UUID ownerId) {}
