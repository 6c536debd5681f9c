package io.identity.events.mfa;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A person signed in with one of their recovery codes, which is spent; {@code left} of the set remain. */
@Revision("1")
public record RecoveryCodeUsed(UUID factorsId, UUID userId, int left, Instant usedAt) {}
