package io.identity.events.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The invitee accepted: {@code userId} joins the company (the {@code MemberJoined} that follows). */
@Revision("1")
public record InvitationAccepted(UUID invitationId, UUID companyId, UUID userId, Instant acceptedAt) {}
