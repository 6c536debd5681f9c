package io.identity.command.stream;

import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message of the event stream as a consumer reads it: a CloudEvent of the identity service.
 *
 * @param id      the event's id, the same on every delivery of it
 * @param type    e.g. {@code identity.user.UserRegistered}
 * @param subject the aggregate's id
 * @param time    when the event happened
 * @param data    the event's public data
 */
public record StreamMessage(String id, String type, String subject, Instant time, JsonNode data) {

    /** Reads a message's value; anything that is not one of our CloudEvents is {@link MalformedMessage}. */
    static StreamMessage parse(byte[] value, JsonMapper json) {
        if (value == null) {
            throw new MalformedMessage("an empty message");
        }
        try {
            var event = EventFormatProvider.getInstance()
                    .resolveFormat(JsonFormat.CONTENT_TYPE)
                    .deserialize(value);
            if (event.getData() == null
                    || event.getType() == null
                    || !event.getType().startsWith("identity.")) {
                throw new MalformedMessage("not an event of the identity service: " + event.getType());
            }
            var data = json.readTree(event.getData().toBytes());
            if (!data.isObject()) {
                throw new MalformedMessage("the data of " + event.getId() + " is not an object");
            }
            var time = event.getTime() != null ? event.getTime().toInstant() : null;
            return new StreamMessage(event.getId(), event.getType(), event.getSubject(), time, data);
        } catch (EventDeserializationException
                | IllegalArgumentException
                | IllegalStateException
                | JacksonException e) {
            throw new MalformedMessage("not a CloudEvent in structured JSON: " + e.getMessage());
        }
    }

    /** A field of the data that must be a UUID. */
    public UUID uuid(String field) {
        var value = data.get(field);
        try {
            if (value != null && value.isString()) {
                return UUID.fromString(value.asString());
            }
        } catch (IllegalArgumentException e) {
            // reported below, as a missing one is
        }
        throw new MalformedMessage(type + " " + id + " has no " + field);
    }

    /** A text field of the data, or null. */
    public String text(String field) {
        var value = data.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** A message no retry can make readable: it goes straight to the dead-letter topic. */
    public static final class MalformedMessage extends RuntimeException {
        public MalformedMessage(String message) {
            super(message);
        }
    }
}
