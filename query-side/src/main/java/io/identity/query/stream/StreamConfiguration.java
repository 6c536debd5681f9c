package io.identity.query.stream;

import io.identity.query.QuerySettings;
import io.identity.query.consistency.ProcessorLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka publisher: an idempotent producer that waits for every in-sync replica ({@code acks=all}), and the
 * topics, made at start-up when missing. Switched off with {@code identity.kafka.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "identity.kafka.enabled", havingValue = "true", matchIfMissing = true)
class StreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);
    static final Set<String> TOPICS = Set.of("users", "companies", "invitations", "clients");

    /** A failed publish fails the batch, which is retried: an event is never skipped. */
    @Autowired
    void retryFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                StreamPublisher.GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> streamProducer(BrokerSettings brokers, StreamSettings settings) {
        createTopics(brokers.bootstrapServers(), settings);
        return new KafkaProducer<>(
                producerConfig(brokers.bootstrapServers(), settings),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * The producer's settings: idempotent, every in-sync replica's acknowledgement, and at most 5 requests in flight,
     * with which the brokers keep a partition's batches in the order they were sent, retries included. A batch of
     * the processor is sent at once and then awaited, so each partition's messages of it travel in few requests:
     * the producer lingers for them, gathers up to {@code batch-size} bytes, and compresses each batch.
     */
    static Map<String, Object> producerConfig(String bootstrapServers, StreamSettings settings) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        int linger = (int) settings.linger().toMillis();
        config.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) settings.batchSize().toBytes());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        int delivery = (int) Math.max(settings.sendTimeout().toMillis(), 2_000 + linger);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, delivery - linger); // delivery >= linger + request
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "identity-stream");
        return config;
    }

    /** {@code identity_stream_lag_events}: events in the store not yet acknowledged by the brokers. */
    @Bean
    Gauge streamLagGauge(MeterRegistry registry, ProcessorLag lag) {
        return Gauge.builder(
                        "identity.stream.lag",
                        () -> lag.eventsBehind(StreamPublisher.GROUP)) // a supplier: the gauge keeps it alive
                .baseUnit("events")
                .description("Events in the store the Kafka publisher has not had acknowledged yet")
                .register(registry);
    }

    @Bean
    StreamPublisher streamPublisher(
            Producer<String, byte[]> producer, JsonMapper json, StreamSettings settings, QuerySettings querySettings) {
        return new StreamPublisher(producer, json, settings, querySettings.publicUrl());
    }

    /** Missing topics are made; a broker not reachable yet is no reason not to start (the publisher retries). */
    private static void createTopics(String brokers, StreamSettings settings) {
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000))) {
            var existing = admin.listTopics().names().get();
            var missing = new ArrayList<NewTopic>();
            for (var topic : TOPICS) {
                var name = settings.topicPrefix() + topic;
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, settings.partitions(), settings.replicationFactor())
                            .configs(Map.of(
                                    TopicConfig.RETENTION_MS_CONFIG,
                                    Long.toString(settings.retention().toMillis()))));
                }
            }
            var erasures = settings.topicPrefix() + StreamPublisher.ERASURES;
            if (!existing.contains(erasures)) {
                // compacted: the newest message of every key is kept for ever, whatever the retention
                missing.add(new NewTopic(erasures, settings.partitions(), settings.replicationFactor())
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.RETENTION_MS_CONFIG,
                                "-1")));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not check or create the stream's topics: {}", e.getMessage());
        }
    }
}
