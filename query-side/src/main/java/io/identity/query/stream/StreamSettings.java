package io.identity.query.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The event stream on Kafka ({@code identity.kafka.*}); where the brokers are is {@link BrokerSettings}.
 *
 * @param enabled           publish the stream (default on)
 * @param topicPrefix       before {@code users}, {@code companies}, {@code invitations} (default {@code identity.})
 * @param partitions        partitions of a topic made at start-up (default 3)
 * @param replicationFactor its replication factor (default 1; 3 on a production cluster)
 * @param retention         how long messages are kept (default 30 days)
 * @param sendTimeout       how long a publish waits for the brokers' acknowledgement before it is retried
 * @param linger            how long the producer waits for more messages of a partition before it sends them
 *                          ({@code linger.ms}, default 5 ms)
 * @param batchSize         the most bytes of one partition's messages the producer sends as one batch
 *                          ({@code batch.size}, default 64 KB)
 * @param compression       the codec of those batches ({@code compression.type}: {@code none}, {@code gzip},
 *                          {@code snappy}, {@code lz4} or {@code zstd}; default {@code lz4})
 */
@ConfigurationProperties("identity.kafka")
record StreamSettings(
        Boolean enabled,
        String topicPrefix,
        Integer partitions,
        Short replicationFactor,
        Duration retention,
        Duration sendTimeout,
        Duration linger,
        DataSize batchSize,
        String compression) {

    StreamSettings {
        enabled = enabled == null || enabled;
        topicPrefix = topicPrefix != null ? topicPrefix : "identity.";
        partitions = partitions != null ? partitions : 3;
        replicationFactor = replicationFactor != null ? replicationFactor : 1;
        retention = retention != null ? retention : Duration.ofDays(30);
        sendTimeout = sendTimeout != null ? sendTimeout : Duration.ofSeconds(10);
        linger = linger != null ? linger : Duration.ofMillis(5);
        batchSize = batchSize != null ? batchSize : DataSize.ofKilobytes(64);
        compression = compression != null ? compression : "lz4";
    }
}
