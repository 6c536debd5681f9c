package io.identity.events.client;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person's consent to an application ended ({@code reason}): the next sign-in through the application asks again.
 */
@Revision("1")
public record ConsentRevoked(
        UUID consentId, UUID userId, String clientId, ConsentRevocationReason reason, Instant revokedAt) {}
