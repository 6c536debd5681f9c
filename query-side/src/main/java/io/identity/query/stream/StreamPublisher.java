package io.identity.query.stream;

import io.identity.events.user.UserErased;
import io.identity.query.consistency.ReadersDoNotWait;
import io.identity.support.axon.GlobalIndex;
import java.net.URI;
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
    /** The compacted topic of erasures, keyed by the erased person's id or address digest, never deleted. */
    static final String ERASURES = "erasures";

    private final Producer<String, byte[]> producer;
    private final CloudEventWriter writer;
    private final JsonMapper json;
    private final StreamSettings settings;

    StreamPublisher(Producer<String, byte[]> producer, JsonMapper json, StreamSettings settings, String publicUrl) {
        this.producer = producer;
        this.writer = new CloudEventWriter(json, URI.create(publicUrl));
        this.json = json;
        this.settings = settings;
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
        var value = writer.write(
                event.getIdentifier(),
                IntegrationEvents.type(payload.getClass()),
                aggregateId,
                event.getTimestamp(),
                sequence,
                GlobalIndex.of(event, token),
                IntegrationEvents.data(json, payload));
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
}
