package io.identity.events.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A pending invitation was withdrawn: by an OWNER or ADMIN, by the deletion of the company ({@code revokedBy} who
 * deleted it), or because its invitee had everything about their address erased ({@code revokedBy} null).
 */
@Revision("1")
public record InvitationRevoked(UUID invitationId, UUID companyId, UUID revokedBy, Instant revokedAt) {}
