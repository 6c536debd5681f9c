package io.identity.command.handling;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** How every command runs: its lookup tables in its own transaction, and the aggregates kept between commands. */
@Configuration(proxyBeanMethods = false)
class HandlingConfiguration {

    /**
     * The lookup tables are written in the event's own transaction (their processors are subscribing, see
     * {@code command-side.yml}), and a failure there, such as a taken username, must fail the command.
     */
    @Autowired
    void lookupsInTransaction(EventProcessingConfigurer processing) {
        for (var group : new String[] {
            "accounts",
            "session-registry",
            "company-members",
            "invitation-index",
            "external-identities",
            "oidc-clients",
            "profile-lookup",
            "oidc-consents",
            "second-factors"
        }) {
            processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
        }
    }

    /**
     * Users and companies kept in memory between commands, each use confirmed against the store (see
     * {@link CheckedAggregateCache}); {@code identity.aggregate-cache.size} 0 keeps none.
     */
    @Bean
    CheckedAggregateCache aggregateCache(JdbcTemplate jdbc, MeterRegistry meters, AggregateCacheSettings settings) {
        return new CheckedAggregateCache(jdbc, settings.size(), settings.lifetime(), meters);
    }
}
