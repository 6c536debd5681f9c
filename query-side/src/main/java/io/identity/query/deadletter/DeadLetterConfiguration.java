package io.identity.query.deadletter;

import io.identity.support.db.DatabaseMigrations;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read models' dead letters ({@link DeadLetters}), or, switched off, a failing event retried until it passes. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** Failing events of the read models are set aside per aggregate, and the rest goes on. */
    @Autowired
    void deadLetters(
            EventProcessingConfigurer configurer,
            ConnectionProvider connections,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            DeadLetterSettings settings) {
        if (settings.enabled()) {
            DeadLetters.register(configurer, connections, serializer, eventSerializer);
        } else {
            // without a queue, a failing event stops its segment (retried with backoff) rather than being skipped
            DeadLetters.GROUPS.forEach(group ->
                    configurer.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance()));
        }
    }

    /** What operators see of the letters, and their retry (io.identity.query.admin). */
    @Bean
    DeadLetters deadLetterQueue(
            DatabaseMigrations migrated, JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        return new DeadLetters(jdbc, processing);
    }
}
