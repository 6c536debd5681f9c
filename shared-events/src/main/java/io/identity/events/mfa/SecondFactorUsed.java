package io.identity.events.mfa;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person proved a second factor at sign-in: {@code factor}, and for a passkey its {@code credentialId}
 * (public, the authenticator's name for it), else null.
 */
@Revision("1")
public record SecondFactorUsed(UUID factorsId, UUID userId, SecondFactor factor, String credentialId, Instant usedAt) {}
