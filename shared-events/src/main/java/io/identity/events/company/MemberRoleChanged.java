package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A member's role changed from {@code previousRole} to {@code role}; ownership is handed on this way. */
@Revision("1")
public record MemberRoleChanged(
        UUID companyId, UUID userId, CompanyRole previousRole, CompanyRole role, UUID changedBy, Instant changedAt) {}
