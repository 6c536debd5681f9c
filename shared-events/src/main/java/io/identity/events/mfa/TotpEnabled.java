package io.identity.events.mfa;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A person confirmed an authenticator app with its first code: from now on their sign-ins ask for its codes. The secret is never in the event: it is kept sealed beside the store. */
@Revision("1")
public record TotpEnabled(UUID factorsId, UUID userId, Instant enabledAt) {}
