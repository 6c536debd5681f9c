package io.identity.command.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command side's consumers of the event stream ({@code identity.kafka.*}, the same names the query side's
 * publisher reads); the brokers are {@code spring.kafka.bootstrap-servers}.
 *
 * @param enabled           consume the stream (default on)
 * @param topicPrefix       before {@code users}, {@code companies}, {@code invitations} (default {@code identity.})
 * @param retryInitial      the wait after a message's first failed handling, doubled after each further one
 * @param retryMax          the longest wait between two handlings of a message
 * @param retryAttempts     handlings after the first before a message goes to the dead-letter topic
 * @param partitions        partitions of the dead-letter topic, made at start-up when missing (default 3)
 * @param replicationFactor its replication factor (default 1; 3 on a production cluster)
 * @param reactWithin       how old an event may be and still be acted on (default 3 days): a consumer group that
 *                          starts for the first time reads the topics from their beginning, and must not greet
 *                          the users of the last month again
 * @param retention         how long the dead-letter topic keeps a message (default 30 days, as the stream)
 */
@ConfigurationProperties("identity.kafka")
public record StreamConsumerSettings(
        Boolean enabled,
        String topicPrefix,
        Duration retryInitial,
        Duration retryMax,
        Integer retryAttempts,
        Integer partitions,
        Short replicationFactor,
        Duration reactWithin,
        Duration retention) {

    public StreamConsumerSettings {
        enabled = enabled == null || enabled;
        topicPrefix = topicPrefix != null ? topicPrefix : "identity.";
        retryInitial = retryInitial != null ? retryInitial : Duration.ofSeconds(1);
        retryMax = retryMax != null ? retryMax : Duration.ofSeconds(30);
        retryAttempts = retryAttempts != null ? retryAttempts : 8;
        partitions = partitions != null ? partitions : 3;
        replicationFactor = replicationFactor != null ? replicationFactor : 1;
        reactWithin = reactWithin != null ? reactWithin : Duration.ofDays(3);
        retention = retention != null ? retention : Duration.ofDays(30);
    }

    /** Where a message goes that could not be handled: {@code identity.dead-letters}. */
    public String deadLetterTopic() {
        return topicPrefix + "dead-letters";
    }
}
