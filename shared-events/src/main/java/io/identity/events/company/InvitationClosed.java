package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An invitation of the company is no longer pending (accepted, declined, revoked or expired: its own stream says
 * which); the company counts it no more. Recorded in the same change as the invitation's own event.
 */
@Revision("1")
public record InvitationClosed(UUID companyId, UUID invitationId, Instant closedAt) {}
