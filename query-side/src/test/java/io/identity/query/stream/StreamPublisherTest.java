package io.identity.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.identity.events.user.UserRegistered;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages the publisher writes in one pass are, byte for byte, what the CloudEvents SDK's {@code JsonFormat}
 * writes for the same event, save that a {@code sequence} or {@code position} beyond 32 bits stays a JSON number;
 * and the SDK reads them back with every attribute.
 */
class StreamPublisherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PUBLIC_URL = "http://localhost:8081";
    private static final JsonFormat FORMAT = new JsonFormat();

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final StreamPublisher publisher = new StreamPublisher(
            producer, JSON, new StreamSettings(null, null, null, null, null, null, null, null, null), PUBLIC_URL);

    @Test
    void everyEventIsWrittenAsTheSdkWritesItAndTheSdkReadsItBack() throws Exception {
        long position = 1_000;
        for (var type : EventSchemasTest.published()) {
            var event = EventSchemasTest.stored(EventSchemasTest.sample(type, 0));
            var before = producer.history().size();
            publisher.on(event.getPayload(), event, new GlobalSequenceTrackingToken(++position));
            var sent = producer.history().get(before).value();
            var name = IntegrationEvents.type(type);
            assertThat(new String(sent, StandardCharsets.UTF_8))
                    .as(name)
                    .isEqualTo(sdk(event, sequence(event), position));

            var read = FORMAT.deserialize(sent);
            assertThat(read.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(read.getId()).isEqualTo(event.getIdentifier());
            assertThat(read.getSource()).isEqualTo(URI.create(PUBLIC_URL));
            assertThat(read.getType()).isEqualTo(name);
            assertThat(read.getDataContentType()).isEqualTo("application/json");
            assertThat(read.getDataSchema()).isNull();
            assertThat(read.getSubject()).isEqualTo(subject(event));
            assertThat(read.getTime().toInstant()).isEqualTo(event.getTimestamp());
            assertThat(read.getExtensionNames()).containsExactlyInAnyOrder("sequence", "position");
            assertThat(read.getExtension("sequence")).isEqualTo((int) sequence(event));
            assertThat(read.getExtension("position")).isEqualTo((int) position);
            assertThat(JSON.readTree(read.getData().toBytes()))
                    .as(name)
                    .isEqualTo(IntegrationEvents.data(JSON, event.getPayload()));
        }
        assertThat(position).as("event types written").isGreaterThan(1_030);
    }

    @Test
    void aSequenceOrPositionBeyondThirtyTwoBitsIsTheSdksMessageWithJsonNumbers() throws Exception {
        var payload = EventSchemasTest.sample(UserRegistered.class, 0);
        // on a whole second: the SDK's time format leaves out a fraction of zero, and so does the writer
        var event = new GenericDomainEventMessage<>(
                "User",
                ((UserRegistered) payload).userId().toString(),
                3_000_000_000L,
                payload,
                Map.of(),
                "5a665efe-3119-448d-aec9-e4fe230d8bd2",
                Instant.parse("2026-11-28T10:15:30Z"));
        publisher.on(payload, event, new GlobalSequenceTrackingToken(5_000_000_000L));
        var sent = new String(producer.history().get(0).value(), StandardCharsets.UTF_8);

        var sdk = sdk(event, 3_000_000_000L, 5_000_000_000L);
        assertThat(sdk).contains("\"sequence\":\"3000000000\"", "\"position\":\"5000000000\"", ":30Z\"");
        assertThat(sent)
                .isEqualTo(sdk.replace("\"sequence\":\"3000000000\"", "\"sequence\":3000000000")
                        .replace("\"position\":\"5000000000\"", "\"position\":5000000000"));
        var tree = JSON.readTree(sent);
        assertThat(tree.path("position").isIntegralNumber()).isTrue();
        assertThat(tree.path("position").asLong()).isEqualTo(5_000_000_000L);
        assertThat(tree.path("sequence").asLong()).isEqualTo(3_000_000_000L);
        assertThat(EventSchemas.envelopeViolations(tree)).isEmpty();
    }

    /** The message as the SDK writes it: its builder, the event's public data as bytes, and its JSON format. */
    private static String sdk(EventMessage<?> event, long sequence, long position) {
        var payload = event.getPayload();
        var cloudEvent = CloudEventBuilder.v1()
                .withId(event.getIdentifier())
                .withSource(URI.create(PUBLIC_URL))
                .withType(IntegrationEvents.type(payload.getClass()))
                .withSubject(subject(event))
                .withTime(event.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(JSON.writeValueAsBytes(IntegrationEvents.data(JSON, payload)))
                .withExtension("sequence", number(sequence))
                .withExtension("position", number(position))
                .build();
        return new String(FORMAT.serialize(cloudEvent), StandardCharsets.UTF_8);
    }

    /**
     * An integer where the value fits, as the SDK's type system has it; else a long, which it writes as text. (Not
     * a conditional expression: one of an Integer and a Long is a long, boxed as a Long whatever the value.)
     */
    private static Number number(long value) {
        if (value == (int) value) {
            return (int) value;
        }
        return value;
    }

    private static String subject(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static long sequence(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0L;
    }
}
