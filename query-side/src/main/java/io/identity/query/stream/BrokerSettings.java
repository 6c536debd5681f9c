package io.identity.query.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the Kafka brokers are, under Spring Boot's own name for it ({@code spring.kafka.bootstrap-servers}).
 *
 * @param bootstrapServers {@code host:port}, comma-separated (default {@code localhost:9092})
 */
@ConfigurationProperties("spring.kafka")
record BrokerSettings(String bootstrapServers) {

    BrokerSettings {
        bootstrapServers = bootstrapServers != null ? bootstrapServers : "localhost:9092";
    }
}
