package io.identity.command.privacy;

import io.identity.command.invitation.InvitationLookup;
import io.identity.command.stream.StreamConsumerSettings;
import io.identity.support.privacy.PersonalDataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The erasure log, re-applied at every start: {@code identity.erasures} (a compacted topic, never deleted, kept by
 * the brokers apart from the database) names every person ever erased, and every address with the invitations sent
 * to it. A person or invitation it names whose data key the database holds was erased after the backup the
 * database was restored from: they are erased again, so that no restore brings back anyone's data. Read in the
 * background; a broker out of reach is said in the log and tried again at the next start.
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
    private final JsonMapper json;
    private final InvitationLookup invitations;

    ErasureLog(
            Erasure erasure,
            PersonalDataKeys keys,
            StreamConsumerSettings settings,
            JsonMapper json,
            InvitationLookup invitations,
            KafkaProperties kafka) {
        this.erasure = erasure;
        this.keys = keys;
        this.json = json;
        this.invitations = invitations;
        this.brokers = String.join(",", kafka.getBootstrapServers());
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
            log.warn(
                    "Could not re-apply the erasure log {}: {}",
                    topic,
                    e.getClass().getSimpleName());
        }
    }

    /** Erases again everyone and every invitation the log names whose key is back; returns how many. */
    public int reapply() {
        var named = read();
        var owed = 0;
        for (var person : named.people()) {
            if (keys.find(person).isPresent()) {
                log.warn(
                        "Person {} is in the erasure log but their data is in the database (restored from a backup "
                                + "taken before their erasure?): erased again",
                        person);
                erasure.reapply(person);
                owed++;
            }
        }
        // compaction keeps an address's last erasure only: the invitations it names, and any older one to the address
        var candidates = new LinkedHashSet<>(named.invitations());
        named.addresses()
                .forEach((address, erasedAt) -> candidates.addAll(invitations.sentToAddressBefore(address, erasedAt)));
        var invitations = candidates.stream()
                .filter(invitation -> keys.find(invitation).isPresent())
                .toList();
        if (!invitations.isEmpty()) {
            log.warn(
                    "{} invitations to erased addresses are in the database again (restored from a backup taken "
                            + "before their erasure?): shredded again",
                    invitations.size());
            erasure.reshred(invitations);
        }
        return owed + invitations.size();
    }

    /** Who the log names: erased people; erased addresses (by digest, with when) and their invitations. */
    record Named(Set<UUID> people, Map<String, Instant> addresses, Set<UUID> invitations) {}

    /** Every id the log names, read from its start to its end as they are now. */
    Named read() {
        var named = new Named(new LinkedHashSet<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        // the query side makes the topic, compacted: a topic made here by asking would not be
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        10_000),
                new StringDeserializer(),
                new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return named;
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
                    note(record.key(), record.value(), named);
                }
            }
        }
        return named;
    }

    /** A person's erasure is keyed by their id; an address's by its digest, naming its invitations in its data. */
    private void note(String key, String value, Named named) {
        try {
            named.people().add(UUID.fromString(key));
            return;
        } catch (IllegalArgumentException | NullPointerException notAPerson) {
            // an erasure by address
        }
        try {
            var data = json.readTree(value).path("data");
            named.addresses().put(key, Instant.parse(data.path("erasedAt").asString()));
            data.path("invitationIds")
                    .forEach(invitation -> named.invitations().add(UUID.fromString(invitation.asString())));
        } catch (RuntimeException unreadable) {
            log.warn(
                    "An entry of the erasure log could not be read: {}",
                    unreadable.getClass().getSimpleName());
        }
    }
}
