package io.identity.query.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The event stream on Kafka ({@code identity.kafka.*}); where the brokers are is {@link BrokerSettings}.
 *
 * @param enabled           publish the stream (default on)
 * @param topicPrefix       before {@code users}, {@code companies}, {@code invitations} (default {@code identity.})
 * @param partitions        partitions of a topic made at start-up (default 3)
 * @param replicationFactor its replication factor (default 1; 3 on a production cluster)
 * @param retention         how long messages are kept (default 30 days)
 * @param sendTimeout       how long a publish waits for the brokers' acknowledgement before it is retried
 */
@ConfigurationProperties("identity.kafka")
record StreamSettings(
        Boolean enabled,
        String topicPrefix,
        Integer partitions,
        Short replicationFactor,
        Duration retention,
        Duration sendTimeout) {

    StreamSettings {
        enabled = enabled == null || enabled;
        topicPrefix = topicPrefix != null ? topicPrefix : "identity.";
        partitions = partitions != null ? partitions : 3;
        replicationFactor = replicationFactor != null ? replicationFactor : 1;
        retention = retention != null ? retention : Duration.ofDays(30);
        sendTimeout = sendTimeout != null ? sendTimeout : Duration.ofSeconds(10);
    }
}
