package io.identity.events.security;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Too many failures in a row: further password checks for that login name are refused until {@code until}.
 * An audit fact, outside any aggregate; {@code userId} is null when no account has that login.
 */
@Revision("1")
public record LoginThrottled(UUID userId, int consecutiveFailures, Instant until) {}
