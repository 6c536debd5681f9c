package io.identity.command.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The consumers' common ground: a message whose handling fails is handled again after a growing wait, and after
 * {@code identity.kafka.retry-attempts} more tries (at once, if it is not one of our CloudEvents at all) it goes to
 * the dead-letter topic with the reason in its headers, and the consumer moves on. Offsets are committed by the
 * consumers themselves, after their work ({@code spring.kafka.listener.ack-mode=manual_immediate}), and by this
 * handler for a message it sent to the dead letters. Switched off with {@code identity.kafka.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "identity.kafka.enabled", havingValue = "true", matchIfMissing = true)
class StreamConsumersConfiguration {

    @Bean
    DefaultErrorHandler streamErrorHandler(KafkaOperations<Object, Object> template, StreamConsumerSettings settings) {
        var recoverer = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(settings.deadLetterTopic(), -1));
        var backOff = new ExponentialBackOffWithMaxRetries(settings.retryAttempts());
        backOff.setInitialInterval(settings.retryInitial().toMillis());
        backOff.setMultiplier(2);
        backOff.setMaxInterval(settings.retryMax().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(StreamMessage.MalformedMessage.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    NewTopic deadLetterTopic(StreamConsumerSettings settings) {
        return new NewTopic(settings.deadLetterTopic(), settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(settings.retention().toMillis())));
    }

    @Bean
    ConsumerLag consumerLag(KafkaAdmin admin) {
        return new ConsumerLag(admin);
    }

    /** {@code identity_stream_consumer_lag_events{consumer=…}}: messages a consumer group has not committed yet. */
    @EventListener(ApplicationReadyEvent.class)
    void consumerLagGauges(ApplicationReadyEvent ready) {
        var context = ready.getApplicationContext();
        var lag = context.getBean(ConsumerLag.class);
        var registry = context.getBean(MeterRegistry.class);
        for (var container :
                context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers()) {
            var group = container.getGroupId();
            var topics = container.getContainerProperties().getTopics();
            Gauge.builder("identity.stream.consumer.lag", lag, l -> l.behind(group, topics))
                    .tag("consumer", container.getListenerId())
                    .baseUnit("events")
                    .description("Messages on the consumer's topics its group has not committed yet")
                    .strongReference(true)
                    .register(registry);
        }
    }
}
