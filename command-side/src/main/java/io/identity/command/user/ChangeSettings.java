package io.identity.command.user;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change settings; a null value returns a setting to its default. Only the fields named are touched (JSON merge patch). */
record ChangeSettings(@TargetAggregateIdentifier UUID userId, Map<String, String> values) {

    public ChangeSettings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return "ChangeSettings[" + userId + ", " + values.keySet() + "]";
    }
}
