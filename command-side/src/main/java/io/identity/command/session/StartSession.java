package io.identity.command.session;

import io.identity.events.session.SignInMethod;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a session for a user whose credentials were just checked. */
public record StartSession(
        @TargetAggregateIdentifier UUID sessionId, UUID userId, SignInMethod method, Instant expiresAt) {}
