package io.identity.support.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.identity.support.crypto.MasterKey;
import io.identity.support.db.DatabaseMigrations;
import io.identity.support.db.DatabaseSettings;
import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.privacy.PersonalDataSettings;
import io.identity.support.privacy.ProtectingSerializer;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The event store in PostgreSQL through Axon's JDBC engine: no Hibernate, so no {@code oid} large objects
 * (payloads, metadata and tokens are {@code bytea}) and a global index from a plain {@code bigserial} that
 * steps by one. Table and column names are snake_case, matching the Flyway migrations.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatabaseSettings.class, PersonalDataSettings.class})
public class EventStoreConfiguration {

    /** Event metadata keys copied from each command to the events it causes. */
    public static final String[] CONTEXT_KEYS = {"actorId", "ip", "userAgent", "correlationId"};

    @Bean
    DatabaseMigrations databaseMigrations(DataSource dataSource, DatabaseSettings properties) {
        return new DatabaseMigrations(dataSource, properties.schema(), properties.migrations());
    }

    @Bean
    PersonalDataKeys personalDataKeys(DatabaseMigrations migrated, JdbcTemplate jdbc, PersonalDataSettings properties) {
        // each side checks it before start-up (Secrets), so it is here and fit for use
        return new PersonalDataKeys(jdbc, new MasterKey(properties.masterKey()), properties.keyCacheLifetime());
    }

    /** Events and their metadata: Jackson, with personal data encrypted per person (crypto-shredding). */
    @Bean
    @Qualifier("eventSerializer") Serializer eventSerializer(
            PersonalDataKeys keys, Jackson3SerializerCustomizer customizer, PersonalDataSettings properties) {
        return new ProtectingSerializer(
                Jackson3Serializer.builder()
                        .revisionResolver(new AnnotationRevisionResolver())
                        .jsonMapperBuilderCustomizer(customizer),
                keys,
                properties.readsKept());
    }

    /**
     * Aggregate snapshots: the aggregate's own fields, whatever their visibility (an aggregate has no getters),
     * with a revision per aggregate class so that a changed class ignores snapshots of its older shape.
     */
    static Serializer snapshotSerializer(Jackson3SerializerCustomizer customizer) {
        return Jackson3Serializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .jsonMapperBuilderCustomizer(builder -> {
                    customizer.accept(builder);
                    builder.changeDefaultVisibility(visibility -> visibility
                                    .withVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                                    .withVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY))
                            // an aggregate's members and collections are final fields, filled in place
                            .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS);
                })
                .build();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** PostgreSQL reports a unique violation as SQLState 23505: two commands raced on one aggregate. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    TokenStore tokenStore(
            DatabaseMigrations migrated,
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenSchema tokenSchema,
            DatabaseSettings properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .claimTimeout(properties.tokenClaimTimeout())
                .nodeId(properties.nodeId())
                .contentType(byte[].class)
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            DatabaseMigrations migrated,
            DatabaseSettings properties,
            Jackson3SerializerCustomizer customizer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer(customizer))
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .gapTimeout((int) properties.gapTimeout().toMillis())
                .maxGapOffset(properties.maxGapOffset())
                .build();
    }

    @Bean
    EventStore eventStore(EventStorageEngine storageEngine, DatabaseSettings properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.fetchDelay().toMillis())
                .build();
    }

    /**
     * The source of this side's streaming processors ({@code axon.eventhandling.processors.<name>.source}).
     */
    @Bean
    PollingEventSource eventSource(EventStorageEngine storageEngine, JdbcTemplate jdbc, DatabaseSettings properties) {
        return new PollingEventSource(storageEngine, jdbc, properties.fetchDelay(), Duration.ofSeconds(1), 256);
    }

    /**
     * Axon's tokens carry a polymorphic {@code Object} (a replay token's context); Jackson 3 refuses such types
     * unless told which subtypes are safe. Only Axon's own classes are.
     */
    @Bean
    Jackson3SerializerCustomizer axonTypesOnly() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }

    @Bean
    CorrelationDataProvider requestContextCorrelation() {
        return new SimpleCorrelationDataProvider(CONTEXT_KEYS);
    }
}
