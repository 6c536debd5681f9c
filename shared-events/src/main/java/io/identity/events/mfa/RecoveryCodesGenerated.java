package io.identity.events.mfa;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person was given a new set of recovery codes ({@code count} of them, shown to them once); any earlier set
 * stopped working. The codes are never in the event: only their keyed digests are kept, beside the store.
 */
@Revision("1")
public record RecoveryCodesGenerated(UUID factorsId, UUID userId, int count, Instant generatedAt) {}
