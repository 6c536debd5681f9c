package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A user became a member of a company with a role. */
@Revision("1")
public record MemberJoined(UUID companyId, UUID userId, CompanyRole role, Instant joinedAt) {}
