package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A member left the company: {@code reason} LEFT (their own doing), REMOVED (by an OWNER or ADMIN) or
 * COMPANY_DELETED.
 */
@Revision("1")
public record MemberRemoved(UUID companyId, UUID userId, RemovalReason reason, UUID removedBy, Instant removedAt) {}
