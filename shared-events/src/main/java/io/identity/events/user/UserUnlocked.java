package io.identity.events.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An operator unlocked the account (§14): it signs in again as before. */
@Revision("1")
public record UserUnlocked(UUID userId, UUID unlockedBy, Instant unlockedAt) {}
