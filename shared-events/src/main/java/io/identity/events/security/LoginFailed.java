package io.identity.events.security;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A password check failed. An audit fact, not part of any aggregate's stream, so failures never grow one.
 * {@code userId} is null when no account has that login; what was typed is never recorded (it may be a
 * password typed into the wrong field). Where it came from is in the metadata.
 *
 * @param channel             where the password was checked: see {@link LoginChannel}
 * @param consecutiveFailures failures in a row for that login name, this one included
 */
@Revision("1")
public record LoginFailed(UUID userId, LoginChannel channel, int consecutiveFailures, Instant failedAt) {}
