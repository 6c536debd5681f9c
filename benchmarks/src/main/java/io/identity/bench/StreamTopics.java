package io.identity.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The service's topics as the stream benchmarks read them: plain consumers, assigned partitions, no group. */
final class StreamTopics {

    private StreamTopics() {}

    static KafkaConsumer<String, String> consumer(String brokers) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
        var partitions = new ArrayList<TopicPartition>();
        for (var topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    /** Where each partition of the topics the publisher writes ends now. */
    static Map<TopicPartition, Long> endOffsets(String brokers) {
        try (var consumer = consumer(brokers)) {
            return consumer.endOffsets(
                    partitions(consumer, List.of("identity.users", "identity.companies", "identity.invitations")));
        }
    }
}
