package io.identity.events.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user's personal data was erased for good: their data key is deleted, so every earlier event reads back
 * with their personal fields erased; their username and email are free again. Consumers delete their copies.
 */
@Revision("1")
public record UserErased(UUID userId, Instant erasedAt) {
}
