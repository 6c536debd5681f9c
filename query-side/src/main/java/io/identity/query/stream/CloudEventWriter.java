package io.identity.query.stream;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event as a CloudEvents 1.0 message in structured JSON mode, envelope and data with one generator in
 * one pass. The bytes are those the CloudEvents SDK's {@code JsonFormat} writes for the same event (the same
 * attributes in the same order, {@code time} formatted as the SDK formats it, the data as the service's mapper
 * writes it), except that {@code sequence} and {@code position} are JSON numbers at any size: the SDK's type
 * system has 32-bit integers only and writes a larger extension as a string, which the contract does not allow.
 * Building the SDK's event, serialising it, and reading it back to put a large position right cost the publisher
 * more than writing the message itself.
 */
final class CloudEventWriter {

    /** The size most messages fit in, so that the buffer seldom grows while one is written. */
    private static final int EXPECTED_SIZE = 1024;

    private final JsonMapper json;
    private final String source;

    /** @param source the service's public URL, the {@code source} of every message */
    CloudEventWriter(JsonMapper json, URI source) {
        this.json = json;
        this.source = source.toString();
    }

    /**
     * The message of one event.
     *
     * @param id       the event's id in the store
     * @param type     its CloudEvents type ({@link IntegrationEvents#type})
     * @param subject  the message key's aggregate: what the event is about
     * @param time     when it was recorded, written in UTC as RFC 3339
     * @param sequence its number within its aggregate
     * @param position its global index in the store
     * @param data     its public data ({@link IntegrationEvents#data})
     */
    byte[] write(String id, String type, String subject, Instant time, long sequence, long position, JsonNode data) {
        var out = new ByteArrayOutputStream(EXPECTED_SIZE);
        try (var generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("specversion", "1.0");
            generator.writeStringProperty("id", id);
            generator.writeStringProperty("source", source);
            generator.writeStringProperty("type", type);
            generator.writeStringProperty("datacontenttype", "application/json");
            generator.writeStringProperty("subject", subject);
            generator.writeStringProperty(
                    "time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC)));
            generator.writeNumberProperty("sequence", sequence);
            generator.writeNumberProperty("position", position);
            generator.writeName("data");
            generator.writeTree(data);
            generator.writeEndObject();
        }
        return out.toByteArray();
    }
}
