package io.identity.events.company;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An OWNER deleted the company: it is archived, gone from reads; its history stays. */
@Revision("1")
public record CompanyDeleted(UUID companyId, UUID deletedBy, Instant deletedAt) {}
