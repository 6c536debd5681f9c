package io.identity.command.user;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change profile fields; a null value clears the field. Only the fields named are touched (JSON merge patch). */
public record UpdateProfile(@TargetAggregateIdentifier UUID userId, Map<String, String> values) {

    public UpdateProfile {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return "UpdateProfile[" + userId + ", " + values.keySet() + "]";
    }
}
