package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user changed their settings. {@code changed} holds only the fields that changed, each with its new value,
 * null where the field was cleared. Keys: locale, timezone, emailNotifications.product, emailNotifications.companyActivity ("true"/"false").
 */
@Revision("1")
public record SettingsChanged(
        @DataSubject UUID userId, @PersonalData Map<String, String> changed, Instant changedAt) {

    public SettingsChanged {
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
    }

    @Override
    public String toString() {
        return "SettingsChanged[" + userId + ", " + changed.keySet() + "]";
    }
}
