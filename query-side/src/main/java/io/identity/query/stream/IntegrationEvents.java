package io.identity.query.stream;

import io.identity.events.Unpublished;
import io.identity.events.privacy.AddressErased;
import io.identity.query.web.SecretFields;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public form of the domain events: which topic each goes to, under which type, with which data. Hashes of
 * secrets (passwords, answers, link tokens) and fields marked {@link Unpublished} never leave the service; the
 * rest of an event is its public data.
 */
final class IntegrationEvents {

    private IntegrationEvents() {}

    /** The topic's last name for an event class, or empty for events that are not published. */
    static Optional<String> topic(Class<?> payloadType) {
        var name = payloadType.getName();
        if (name.startsWith("io.identity.events.user.")
                || name.startsWith("io.identity.events.session.")
                || name.startsWith("io.identity.events.security.")
                || name.startsWith("io.identity.events.mfa.")) {
            return Optional.of("users");
        }
        if (name.startsWith("io.identity.events.company.")) {
            return Optional.of("companies");
        }
        if (name.startsWith("io.identity.events.invitation.")) {
            return Optional.of("invitations");
        }
        if (name.startsWith("io.identity.events.client.")) {
            return Optional.of("clients");
        }
        if (payloadType == AddressErased.class) {
            return Optional.of(StreamPublisher.ERASURES);
        }
        return Optional.empty();
    }

    /**
     * The message key: the aggregate's id, so that its events stay in order; an erased address's digest, so that
     * the compacted erasures topic keeps the last erasure of every address.
     */
    static String key(Object payload, String aggregateId) {
        return payload instanceof AddressErased erased ? erased.addressSha256() : aggregateId;
    }

    /** {@code identity.user.UserRegistered}: the domain's area and the event's name. */
    static String type(Class<?> payloadType) {
        var name = payloadType.getName().substring("io.identity.events.".length());
        return "identity." + name;
    }

    /**
     * The event's public data: without any hash, nor any field marked {@link Unpublished}; a tree, which the
     * message's writer writes once, within the envelope.
     */
    static JsonNode data(JsonMapper json, Object payload) {
        var data = SecretFields.removed(json.valueToTree(payload));
        if (data instanceof ObjectNode object) {
            object.remove(UNPUBLISHED.get(payload.getClass()));
        }
        return data;
    }

    /** The fields of an event class marked {@link Unpublished}, found once per class (reflection is not cheap). */
    private static final ClassValue<List<String>> UNPUBLISHED = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.isAnnotationPresent(Unpublished.class))
                    .map(RecordComponent::getName)
                    .toList();
        }
    };
}
