package io.identity.command.session;

import io.identity.events.session.SessionEndReason;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a session on behalf of {@code requestedBy}, who must own it. */
public record EndSession(@TargetAggregateIdentifier UUID sessionId, UUID requestedBy, SessionEndReason reason) {}
