package io.identity.events.company;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An OWNER or ADMIN changed the company's {@code name} or {@code description}; only changed fields are held. */
@Revision("1")
public record CompanyUpdated(UUID companyId, Map<String, String> changed, UUID changedBy, Instant changedAt) {

    public CompanyUpdated {
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
    }
}
