package io.identity.command.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a client's metadata (RFC 7592 §2.2). */
record UpdateClient(@TargetAggregateIdentifier String clientId, ClientMetadata metadata) {}
