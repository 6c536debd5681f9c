package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A company came into being; its creator joins it as OWNER in the {@link MemberJoined} that follows. */
@Revision("1")
public record CompanyCreated(UUID companyId, String name, String description, UUID createdBy, Instant createdAt) {}
