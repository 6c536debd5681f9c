package io.identity.query.deadletter;

import io.identity.query.processing.BatchRetried;
import io.identity.query.processing.Failures;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models' dead letters: an event a projection's handler throws on is set aside in the database with
 * its cause, later events of the same aggregate queue behind it, and everything else goes on. An operator sees
 * them and has them retried (after fixing what made them fail); on any instance, since the queue is shared.
 * The stream publisher and the audit chain have none: they must never skip an event, so they retry it instead.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** The projections that set failing events aside. */
    public static final Set<String> GROUPS =
            Set.of("users", "companies", "sessions", "invitations", "audit", "second-factors");

    /** The queue's table, Axon's default name unquoted. */
    public static final String TABLE = "deadletterentry";

    /** One dead letter, as operators see it: where it belongs, what it is, why it failed. */
    public record Letter(
            String processingGroup,
            String aggregateId,
            Long sequenceNumber,
            String eventId,
            String payloadType,
            String enqueuedAt,
            String lastTouched,
            String causeType,
            String causeMessage) {}

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /**
     * Registers a JDBC dead-letter queue for each projection of {@link #GROUPS}. A letter's cause is kept as the
     * failure's type and SQL state only: a database's message can quote the row it refused, personal data that
     * must not outlive the person's erasure in a table no key protects.
     */
    static void register(
            EventProcessingConfigurer configurer,
            ConnectionProvider connections,
            Serializer serializer,
            Serializer eventSerializer) {
        for (var group : GROUPS) {
            configurer.registerDeadLetterPolicy(group, config -> policy(group));
            configurer.registerDeadLetteringEventHandlerInvokerConfiguration(
                    group, (config, builder) -> remembered(builder));
            configurer.registerDeadLetterQueue(
                    group,
                    config -> queue(
                            group,
                            TABLE,
                            connections,
                            config.getComponent(TransactionManager.class),
                            serializer,
                            eventSerializer));
        }
    }

    /**
     * An invoker that knows from memory, while this instance holds a segment, which of its sequences have letters
     * (Axon forgets it when the segment is released, as another instance may then add letters), instead of asking
     * the database for every event.
     */
    public static DeadLetteringEventHandlerInvoker.Builder remembered(
            DeadLetteringEventHandlerInvoker.Builder builder) {
        return builder.enableSequenceIdentifierCache();
    }

    /**
     * Every failure is set aside, with its {@link #summary(Throwable) summary} as its cause, and said in the log
     * (the event's type and id and that summary: nothing the event or the database said).
     */
    public static EnqueuePolicy<EventMessage<?>> policy(String group) {
        return (letter, cause) -> {
            if (cause instanceof BatchRetried) {
                // the whole batch is rolled back and handled again one event at a time: nothing to set aside yet
                return Decisions.doNotEnqueue();
            }
            var summary = summary(cause);
            var event = letter.message();
            LOG.warn(
                    "Projection {} set event {} ({}) aside: {}",
                    group,
                    event.getIdentifier(),
                    event.getPayloadType().getSimpleName(),
                    summary.getMessage());
            return Decisions.enqueue(summary);
        };
    }

    /** A processing group's queue, in the given table (qualified with its schema where the search path lacks it). */
    public static JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(
            String group,
            String table,
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            Serializer eventSerializer) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .schema(DeadLetterSchema.builder().deadLetterTable(table).build())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }

    /** What failed, without what it said: the exception types down the chain and any SQL state. */
    static ProjectionFailure summary(Throwable cause) {
        return new ProjectionFailure(Failures.summary(cause));
    }

    /** The cause a dead letter keeps. */
    static final class ProjectionFailure extends RuntimeException {
        ProjectionFailure(String summary) {
            super(summary, null, false, false);
        }
    }

    public List<Letter> list() {
        return jdbc.query(
                "SELECT processinggroup, aggregateidentifier, sequencenumber, eventidentifier, payloadtype, "
                        + "enqueuedat, lasttouched, causetype, causemessage FROM deadletterentry "
                        + "ORDER BY processinggroup, sequenceidentifier, sequenceindex",
                (rs, i) -> new Letter(
                        rs.getString(1),
                        rs.getString(2),
                        (Long) rs.getObject(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)));
    }

    /** The outcome of a retry: how many sequences went through, how many letters are left in the group. */
    public record Retried(String processingGroup, int processed, long remaining) {}

    /**
     * Hands the group's dead letters to its handlers again, sequence by sequence, oldest first; a sequence that
     * fails again stays, with its new cause. Empty when the group has no queue.
     */
    public Optional<Retried> retry(String group) {
        return processing.sequencedDeadLetterProcessor(group).map(processor -> {
            int processed = 0;
            int budget = 10_000;
            while (budget-- > 0 && processor.processAny()) {
                processed++;
            }
            var remaining = jdbc.queryForObject(
                    "SELECT count(*) FROM deadletterentry WHERE processinggroup = ?", Long.class, group);
            return new Retried(group, processed, remaining);
        });
    }
}
