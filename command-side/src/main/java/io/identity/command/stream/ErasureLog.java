package io.identity.command.stream;

import io.identity.command.user.Erasure;
import io.identity.support.privacy.PersonalDataKeys;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The erasure log, re-applied at every start: {@code identity.erasures} (a compacted topic, never deleted, kept by
 * the brokers apart from the database) names every person ever erased. A person it names whose data key the
 * database holds was erased after the backup the database was restored from: they are erased again, so that no
 * restore brings back anyone's data. Read in the background; a broker out of reach is said in the log and tried
 * again at the next start.
 */
@Component
@ConditionalOnProperty(name = "identity.kafka.enabled", havingValue = "true", matchIfMissing = true)
public class ErasureLog {

    private static final Logger log = LoggerFactory.getLogger(ErasureLog.class);
    private static final Duration READ_FOR_AT_MOST = Duration.ofMinutes(2);

    private final Erasure erasure;
    private final PersonalDataKeys keys;
    private final String brokers;
    private final String topic;

    ErasureLog(Erasure erasure, PersonalDataKeys keys, StreamConsumerSettings settings,
               @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String brokers) {
        this.erasure = erasure;
        this.keys = keys;
        this.brokers = brokers;
        this.topic = settings.topicPrefix() + "erasures";
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        var thread = new Thread(this::reapplySafely, "erasure-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void reapplySafely() {
        try {
            reapply();
        } catch (RuntimeException e) {
            log.warn("Could not re-apply the erasure log {}: {}", topic, e.getClass().getSimpleName());
        }
    }

    /** Erases again everyone the log names whose key is back; returns how many. */
    public int reapply() {
        var owed = 0;
        for (var person : erased()) {
            if (keys.find(person).isPresent()) {
                log.warn("Person {} is in the erasure log but their data is in the database (restored from a backup "
                        + "taken before their erasure?): erased again", person);
                erasure.reapply(person);
                owed++;
            }
        }
        return owed;
    }

    /** Every id the log names, read from its start to its end as they are now. */
    Set<UUID> erased() {
        var ids = new LinkedHashSet<UUID>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // the query side makes the topic, compacted: a topic made here by asking would not be
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000),
                new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return ids;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            var deadline = System.nanoTime() + READ_FOR_AT_MOST.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the erasure log was not read to its end in time");
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        ids.add(UUID.fromString(record.key()));
                    } catch (IllegalArgumentException | NullPointerException notAPerson) {
                        // a hashed address (an erasure by address) names no account
                    }
                }
            }
        }
        return ids;
    }
}
