package io.identity.query.rebuild;

import io.identity.query.balance.SegmentShares;
import io.identity.query.consistency.ProjectionStatus;
import io.identity.support.axon.PollingEventSource;
import io.identity.support.db.DatabaseMigrations;
import io.identity.support.db.DatabaseSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Blue/green rebuilds of one read model at a time ({@link Rebuilds}), for the operators' endpoints. */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    /** How long the switch holds the projection's writers while the rebuild reaches the projection's position. */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);

    @Bean
    Rebuilds rebuilds(
            DatabaseMigrations migrated,
            RebuildableModels models,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            ProjectionStatus status,
            RebuildSchema schema,
            RebuildRunner runner) {
        return new Rebuilds(models, jdbc, transactions, status, schema, runner);
    }

    @Bean
    RebuildRunner rebuildRunner(
            DatabaseMigrations migrated,
            RebuildableModels models,
            JdbcTemplate jdbc,
            RebuildProcessor.Parts parts,
            RebuildSchema schema,
            TableSwap swap,
            RebuildProgress progress,
            EventProcessingConfiguration processing,
            RebuildSettings settings) {
        return new RebuildRunner(models, jdbc, parts, schema, swap, progress, processing, settings.switchLag());
    }

    @Bean
    RebuildableModels rebuildableModels(ApplicationContext context) {
        return new RebuildableModels(context);
    }

    @Bean
    RebuildProcessor.Parts rebuildProcessorParts(
            DataSourceProperties dataSource,
            DatabaseSettings database,
            @Qualifier("eventSource") PollingEventSource source,
            Serializer serializer,
            TokenSchema tokens,
            RebuildSettings settings,
            RebuildHandlers handlers,
            SegmentShares shares) {
        return new RebuildProcessor.Parts(
                dataSource, database, source, serializer, tokens, settings.batchSize(), handlers, shares);
    }

    @Bean
    RebuildSchema rebuildSchema(JdbcTemplate jdbc, TransactionTemplate transactions, DatabaseSettings database) {
        return new RebuildSchema(jdbc, transactions, database.schema());
    }

    @Bean
    TableSwap tableSwap(
            JdbcTemplate jdbc, TransactionTemplate transactions, Serializer serializer, DatabaseSettings database) {
        return new TableSwap(jdbc, transactions, serializer, database.schema(), CATCH_UP_WAIT);
    }

    @Bean
    RebuildProgress rebuildProgress(ProjectionStatus status, MeterRegistry meters) {
        return new RebuildProgress(status, meters);
    }
}
