package io.identity.events.user;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user changed their privacy. {@code changed} holds only the fields that changed, each with its new value,
 * null where the field was cleared. Keys: profileVisibility (PUBLIC, COMPANY, PRIVATE), showEmail, showPhone ("true"/"false").
 */
@Revision("1")
public record PrivacyChanged(UUID userId, Map<String, String> changed, Instant changedAt) {

    public PrivacyChanged {
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
    }

    @Override
    public String toString() {
        return "PrivacyChanged[" + userId + ", " + changed.keySet() + "]";
    }
}
