package io.identity.command.user;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change privacy choices. Only the fields named are touched (JSON merge patch). */
record ChangePrivacy(@TargetAggregateIdentifier UUID userId, Map<String, String> values) {

    public ChangePrivacy {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return "ChangePrivacy[" + userId + ", " + values.keySet() + "]";
    }
}
