package io.identity.command.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a client's registration (RFC 7592 §2.3). */
record DeleteClient(@TargetAggregateIdentifier String clientId) {}
