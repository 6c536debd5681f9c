package io.identity.command.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acting on a message of the stream exactly once in effect, though Kafka may deliver it more than once: the work
 * and the record of the message's id commit in one database transaction, and a message whose id is recorded is
 * passed over. Offsets are committed only after that transaction, so a crash in between redelivers the message
 * and nothing is lost; the recorded id keeps it from being acted on twice.
 */
@Component
public class IdempotentConsumer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final StreamConsumerSettings settings;
    private final Clock clock;

    IdempotentConsumer(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            JsonMapper json,
            StreamConsumerSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs {@code work} on the message in a transaction if it is an event of one of the {@code types}, not older
     * than {@code identity.kafka.react-within}, that {@code consumer} has not acted on before.
     *
     * @return what the work returned, or empty if it did not run
     * @throws StreamMessage.MalformedMessage if the message is not one of our CloudEvents
     */
    public <T> Optional<T> once(
            String consumer,
            ConsumerRecord<String, byte[]> record,
            Set<String> types,
            Function<StreamMessage, T> work) {
        var event = StreamMessage.parse(record.value(), json);
        if (!types.contains(event.type())
                || event.time() != null && event.time().isBefore(clock.instant().minus(settings.reactWithin()))) {
            return Optional.empty();
        }
        return transactions.execute(status -> jdbc.update(
                                "INSERT INTO consumed_events (consumer, event_id) "
                                        + "VALUES (?, ?) ON CONFLICT DO NOTHING",
                                consumer,
                                event.id())
                        == 1
                ? Optional.ofNullable(work.apply(event))
                : Optional.<T>empty());
    }

    /**
     * Forgets the ids acted on well before {@code react-within}: their events are too old to be acted on again,
     * however often they are delivered.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    public int forgetOld() {
        return jdbc.update(
                "DELETE FROM consumed_events WHERE consumed_at < now() - ?::interval",
                settings.reactWithin().plus(Duration.ofDays(1)).toString());
    }
}
