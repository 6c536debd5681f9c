package io.identity.events.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A pending invitation ran out of time; it could not be accepted from {@code expiresAt} on anyway. */
@Revision("1")
public record InvitationExpired(UUID invitationId, UUID companyId, Instant expiredAt) {}
