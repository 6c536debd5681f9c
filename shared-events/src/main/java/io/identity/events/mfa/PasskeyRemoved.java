package io.identity.events.mfa;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A person removed one of their passkeys (with their current password): it no longer signs them in. */
@Revision("1")
public record PasskeyRemoved(UUID factorsId, UUID userId, String credentialId, Instant removedAt) {}
