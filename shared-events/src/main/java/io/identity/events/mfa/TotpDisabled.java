package io.identity.events.mfa;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A person removed their authenticator app (with their current password). */
@Revision("1")
public record TotpDisabled(UUID factorsId, UUID userId, Instant disabledAt) {}
