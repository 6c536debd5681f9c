package io.identity.support.privacy;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What of an event record is personal: the component naming its {@link DataSubject} and the {@link PersonalData}
 * components, by name, with their types.
 */
record PersonalFields(Method subject, Map<String, Class<?>> types) {

    /** The personal fields of a type; empty for a type that is no record or has no subject or no personal field. */
    static Optional<PersonalFields> of(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        Method subject = null;
        var types = new LinkedHashMap<String, Class<?>>();
        for (var component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getAccessor();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                types.put(component.getName(), component.getType());
            }
        }
        return subject == null || types.isEmpty() ? Optional.empty() : Optional.of(new PersonalFields(subject, types));
    }

    /** The subject of an event of this type, whose key seals its personal fields. */
    UUID subjectOf(Object event) {
        try {
            return uuid(subject.invoke(event));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read the data subject of " + event.getClass().getName(), e);
        }
    }

    /**
     * The person an event is about, by the component marked {@link DataSubject} or else a {@code userId}. Null for
     * an event about nobody known.
     */
    static UUID dataSubjectOf(Object event) {
        if (event == null || !event.getClass().isRecord()) {
            return null;
        }
        for (var component : event.getClass().getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)
                    || component.getName().equals("userId")) {
                try {
                    var value = uuid(component.getAccessor().invoke(event));
                    if (value != null) {
                        return value;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "cannot read the data subject of "
                                    + event.getClass().getName(),
                            e);
                }
            }
        }
        return null;
    }

    /** What a field of that type reads as once its key is gone: "[erased]", an empty map or list, else null. */
    static JsonNode erased(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (Collection.class.isAssignableFrom(type)) {
            return JsonNodeFactory.instance.arrayNode();
        }
        return String.class.equals(type)
                ? JsonNodeFactory.instance.stringNode(ProtectingSerializer.ERASED)
                : JsonNodeFactory.instance.nullNode();
    }

    /** A UUID, or its text; else null. */
    static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        try {
            return value instanceof String text ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
