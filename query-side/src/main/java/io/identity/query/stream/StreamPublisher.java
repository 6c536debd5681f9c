package io.identity.query.stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.identity.events.user.UserErased;
import io.identity.query.consistency.ReadersDoNotWait;
import io.identity.support.axon.GlobalIndex;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes every public event to its Kafka topic as a CloudEvent (structured JSON), keyed by its aggregate so
 * that each aggregate's events stay in order. A processor like the projections: it resumes from its token, and
 * the token moves only after the brokers acknowledged: at least once, in order per key. The events of a batch
 * are sent without waiting, and every send is awaited before the batch commits (with its token); a failure
 * fails the batch, which is tried again. The idempotent producer keeps a partition's messages in the order they
 * were sent, also over its retries, so nothing later in a partition is written before something earlier.
 */
@ProcessingGroup(StreamPublisher.GROUP)
@ReadersDoNotWait
public class StreamPublisher {

    public static final String GROUP = "stream";
    private static final String PENDING = StreamPublisher.class.getName() + ".pending";
    private static final List<String> NUMERIC_EXTENSIONS = List.of("sequence", "position");
    /** The compacted topic of erasures, keyed by the erased person's id or address digest, never deleted. */
    static final String ERASURES = "erasures";

    private final Producer<String, byte[]> producer;
    private final EventFormat format;
    private final JsonMapper json;
    private final StreamSettings settings;
    private final URI source;

    StreamPublisher(
            Producer<String, byte[]> producer,
            EventFormat format,
            JsonMapper json,
            StreamSettings settings,
            String publicUrl) {
        this.producer = producer;
        this.format = format;
        this.json = json;
        this.settings = settings;
        this.source = URI.create(publicUrl);
    }

    /**
     * Every event read from the store: an aggregate's, or one of no aggregate (the security facts, an erased
     * address), which the store hands over as a plain event message: its own id is its subject, its sequence 0.
     */
    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        var topic = IntegrationEvents.topic(payload.getClass());
        if (topic.isEmpty()) {
            return;
        }
        var aggregateId =
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
        var sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0L;
        var cloudEvent = CloudEventBuilder.v1()
                .withId(event.getIdentifier())
                .withSource(source)
                .withType(IntegrationEvents.type(payload.getClass()))
                .withSubject(aggregateId)
                .withTime(event.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(IntegrationEvents.data(json, payload))
                .withExtension("sequence", extensionNumber(sequence))
                .withExtension("position", extensionNumber(GlobalIndex.of(event, token)))
                .build();
        var value = withNumericExtensions(format.serialize(cloudEvent), cloudEvent);
        var key = IntegrationEvents.key(payload, aggregateId);
        pending(producer.send(new ProducerRecord<>(settings.topicPrefix() + topic.get(), key, value)));
        if (payload instanceof UserErased) {
            // the compacted topic a consumer joining late reads to learn every erasure, long after the event expired
            pending(producer.send(new ProducerRecord<>(settings.topicPrefix() + ERASURES, key, value)));
        }
    }

    /** A send the batch waits for before it commits. */
    private void pending(Future<RecordMetadata> sent) {
        if (CurrentUnitOfWork.isStarted()) {
            var batch = CurrentUnitOfWork.get().root();
            batch.getOrComputeResource(PENDING, key -> {
                        var pending = new ArrayList<Future<RecordMetadata>>();
                        batch.onPrepareCommit(unitOfWork -> acknowledged(pending));
                        return pending;
                    })
                    .add(sent);
        } else {
            acknowledged(List.of(sent));
        }
    }

    /** Waits for the brokers' acknowledgement of every send, at most {@code send-timeout} in all. */
    private void acknowledged(List<Future<RecordMetadata>> sends) {
        var deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            for (var send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for the brokers", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailed("the brokers did not acknowledge the batch", e);
        }
    }

    /** The batch was not acknowledged: it fails, and its token does not move. */
    static final class PublishFailed extends RuntimeException {
        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A 32-bit integer where the value fits, which the format writes as a JSON number; else a long. */
    private static Number extensionNumber(long value) {
        return value == (int) value ? Integer.valueOf((int) value) : Long.valueOf(value);
    }

    /**
     * The CloudEvents type system has 32-bit integers only, so the format writes a long extension as a string; the
     * contract promises JSON numbers, and a global position can outgrow 32 bits, so such a value is written back
     * as a number (the rare case: one parse and one write more).
     */
    private byte[] withNumericExtensions(byte[] serialized, CloudEvent cloudEvent) {
        if (NUMERIC_EXTENSIONS.stream().allMatch(name -> cloudEvent.getExtension(name) instanceof Integer)) {
            return serialized;
        }
        var tree = (ObjectNode) json.readTree(serialized);
        for (var name : NUMERIC_EXTENSIONS) {
            tree.put(name, Long.parseLong(String.valueOf(cloudEvent.getExtension(name))));
        }
        return json.writeValueAsBytes(tree);
    }
}
