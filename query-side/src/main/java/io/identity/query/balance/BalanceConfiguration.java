package io.identity.query.balance;

import io.identity.support.db.DatabaseMigrations;
import io.identity.support.db.DatabaseSettings;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every query-side instance takes its fair share of each projection's segments, and no more: the heartbeats
 * ({@link LiveInstances}) tell who is live, and each pooled processor asks them for its share on every claim cycle.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BalanceSettings.class)
class BalanceConfiguration {

    /** Static, since {@link #shareSegments} of this configuration needs it before the configuration exists. */
    @Bean
    static LiveInstances liveInstances(
            DatabaseMigrations migrated, JdbcTemplate jdbc, DatabaseSettings database, BalanceSettings settings) {
        return new LiveInstances(jdbc, database.nodeId(), settings);
    }

    /** The owner of each segment, in the health details. */
    @Bean("segments")
    SegmentsHealth segmentsHealth(JdbcTemplate jdbc, LiveInstances instances) {
        return new SegmentsHealth(jdbc, instances);
    }

    /**
     * Each pooled processor of {@code axon.eventhandling.processors} checks its share every claim interval and
     * extends an idle segment's claim every claim extension. The claim interval is set on the processors'
     * properties, because Spring Boot's registration of a processor sets it from them after any configuration
     * registered here; the share and the extension are registered per processor, leaving the default
     * configuration of every pooled processor to others.
     */
    @Autowired
    void shareSegments(
            EventProcessingConfigurer processing,
            EventProcessorProperties processors,
            LiveInstances instances,
            BalanceSettings settings) {
        processors.getProcessors().forEach((name, processor) -> {
            if (processor.getMode() == EventProcessorProperties.Mode.POOLED) {
                processor.setTokenClaimInterval(settings.claimInterval().toMillis());
                processor.setTokenClaimIntervalTimeUnit(TimeUnit.MILLISECONDS);
                processing.registerPooledStreamingEventProcessorConfiguration(
                        name,
                        (configuration, builder) -> builder.maxSegmentProvider(instances.forProcessor())
                                .claimExtensionThreshold(
                                        settings.claimExtension().toMillis()));
            }
        });
    }
}
