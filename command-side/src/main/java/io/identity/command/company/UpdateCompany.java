package io.identity.command.company;

import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change name or description; only the fields named.
 * {@code actorId} is who asks: the Company decides from its own members whether they may.
 */
record UpdateCompany(@TargetAggregateIdentifier UUID companyId, UUID actorId, Map<String, String> values) {}
