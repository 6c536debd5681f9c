package io.identity.query.audit;

import io.identity.support.axon.PollingEventSource;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log's hash chain ({@link AuditChain}): its own event source, and no event ever skipped. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * The audit chain's own source, which looks at the store's head once a second: the chain is extended in
     * batches of what came meanwhile rather than event by event, so it costs little under load, and nobody waits
     * for it.
     */
    @Bean
    PollingEventSource auditChainEventSource(EventStorageEngine storageEngine, JdbcTemplate jdbc) {
        return new PollingEventSource(storageEngine, jdbc, Duration.ofSeconds(1), Duration.ofSeconds(5), 1000);
    }

    /** The hash chain must never skip an event: it retries until the event passes. */
    @Autowired
    void retryUntilPassed(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(AuditChain.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
