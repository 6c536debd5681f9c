package io.identity.command.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * How far a consumer group is behind: over every partition of its topics, the end offset minus the group's
 * committed offset (or minus the partition's first offset, where the group has committed nothing yet). Asked
 * of the brokers when the metric is read; unknown (NaN) while they cannot answer.
 */
final class ConsumerLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_MS = 3_000;

    private final KafkaAdmin kafkaAdmin;
    private volatile Admin admin;

    ConsumerLag(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    double behind(String group, String[] topics) {
        try {
            var admin = admin();
            var partitions = admin
                    .describeTopics(List.of(topics))
                    .allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .values()
                    .stream()
                    .flatMap(topic ->
                            topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            var committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            var ends = offsets(admin, partitions, OffsetSpec.latest());
            var starts = offsets(admin, partitions, OffsetSpec.earliest());
            long behind = 0;
            for (var partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                var from = done != null ? done.offset() : starts.get(partition).offset();
                behind += Math.max(0, ends.get(partition).offset() - from);
            }
            return behind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (Exception e) {
            log.debug("Consumer lag of {} unknown: {}", group, e.toString());
            return Double.NaN;
        }
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(
            Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        var request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec, (a, b) -> a, HashMap::new));
        return admin.listOffsets(request).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private Admin admin() {
        var current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
