package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the end-to-end tests read from the broker, as a new consumer group would. */
final class Topics {

    private Topics() {}

    /**
     * Everything on a topic from its start, in topic order, read until {@code done} holds for what was read (at
     * most {@code timeout}; failing the test if it never does).
     */
    static List<ConsumerRecord<String, String>> readUntil(
            RunningSystem system,
            String topic,
            Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var all = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(all)) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        assertThat(done.test(all))
                .as("what was awaited on %s, after %d records", topic, all.size())
                .isTrue();
        return all;
    }

    /** The records of one key on a topic, in topic order, once at least {@code count} have arrived. */
    static List<ConsumerRecord<String, String>> read(RunningSystem system, String topic, String key, int count) {
        return readUntil(
                        system,
                        topic,
                        Duration.ofSeconds(30),
                        all -> all.stream().filter(r -> key.equals(r.key())).count() >= count)
                .stream()
                .filter(r -> key.equals(r.key()))
                .toList();
    }
}
