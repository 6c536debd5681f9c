package io.identity.events.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An OWNER or ADMIN withdrew a pending invitation ({@code revokedBy} null: the company was deleted). */
@Revision("1")
public record InvitationRevoked(UUID invitationId, UUID companyId, UUID revokedBy, Instant revokedAt) {
}
