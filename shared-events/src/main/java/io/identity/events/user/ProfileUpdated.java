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
 * The user changed their profile. {@code changed} holds only the fields that changed, each with its new value,
 * null where the field was cleared. Keys: displayName, firstName, lastName, phone, bio, avatarUrl.
 */
@Revision("1")
public record ProfileUpdated(
        @DataSubject UUID userId, @PersonalData Map<String, String> changed, Instant changedAt) {

    public ProfileUpdated {
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
    }

    @Override
    public String toString() {
        return "ProfileUpdated[" + userId + ", " + changed.keySet() + "]";
    }
}
