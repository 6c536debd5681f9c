package io.identity.command.session;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a session for a user whose credentials were just checked. */
public record StartSession(@TargetAggregateIdentifier UUID sessionId, UUID userId, String method, Instant expiresAt) {}
