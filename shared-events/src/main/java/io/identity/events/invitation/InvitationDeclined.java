package io.identity.events.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The invitee declined, with the link alone. */
@Revision("1")
public record InvitationDeclined(UUID invitationId, UUID companyId, Instant declinedAt) {}
