package io.identity.query;

import io.identity.events.session.SessionEnded;
import io.identity.events.user.UserErased;
import io.identity.query.audit.AuditChain;
import io.identity.query.consistency.ProcessorLag;
import io.identity.query.consistency.ProjectionProgress;
import io.identity.query.consistency.ProjectionStatus;
import io.identity.query.consistency.ProjectionsHealth;
import io.identity.query.consistency.ReadYourWrites;
import io.identity.query.deadletter.DeadLetterSettings;
import io.identity.query.deadletter.DeadLetters;
import io.identity.query.session.SessionActivity;
import io.identity.query.stream.StreamPublisher;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.EndedSessions;
import io.identity.support.auth.RemoteJwks;
import io.identity.support.axon.PollingEventSource;
import io.identity.support.db.DatabaseMigrations;
import io.identity.support.secrets.Secrets;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the query side: token checks against the command side's keys, and read-your-writes. */
@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /**
     * Checked before any bean is made: the query side reads personal data sealed under the personal-data master
     * key, and stops at once, naming it, without one fit for use.
     */
    @Bean
    static BeanFactoryPostProcessor requiredSecrets(Environment environment) {
        return Secrets.required(environment, Secrets.PERSONAL_DATA_MASTER_KEY);
    }

    /**
     * Sessions ended, and people erased: every access token of either is refused. Read from the event store itself
     * (its index {@code domain_event_entry_session_ends}), not from the sessions read model, so that an end counts
     * within a second even while that projection lags, is rebuilt, or has set the event aside. The events' times
     * are the command side's ISO-8601 instants, compared as text to the second; the poll's overlap covers the rest.
     */
    static final String ENDED_SINCE = "SELECT aggregate_identifier::uuid, now() FROM domain_event_entry "
            + "WHERE payload_type IN ('" + SessionEnded.class.getName() + "', '" + UserErased.class.getName() + "') "
            + "AND time_stamp > to_char(?::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')";

    /** Remembered for as long as an access token can live, which both sides read from the same setting. */
    @Bean
    EndedSessions endedSessions(DatabaseMigrations migrated, JdbcTemplate jdbc, QuerySettings settings) {
        return new EndedSessions(jdbc, ENDED_SINCE, settings.accessTokenLifetime(), Duration.ofMillis(500));
    }

    @Bean
    SessionActivity sessionActivity(DatabaseMigrations migrated, JdbcTemplate jdbc) {
        return new SessionActivity(jdbc, Duration.ofMinutes(1));
    }

    /** Keys are fetched from the JWKS endpoint, cached, and fetched again when a token names an unknown key. */
    @Bean
    AccessTokenVerifier accessTokenVerifier(QuerySettings settings, EndedSessions ended, SessionActivity activity) {
        return new AccessTokenVerifier(new RemoteJwks(settings.jwksUri()), settings.publicUrl(), ended, activity::used);
    }

    /**
     * The audit chain's own source, which looks at the store's head once a second: the chain is extended in
     * batches of what came meanwhile rather than event by event, so it costs little under load, and nobody waits
     * for it.
     */
    @Bean
    PollingEventSource auditChainEventSource(EventStorageEngine storageEngine, JdbcTemplate jdbc) {
        return new PollingEventSource(storageEngine, jdbc, Duration.ofSeconds(1), Duration.ofSeconds(5), 1000);
    }

    /** Every processing group of this side's projections, found from their annotations. */
    @Bean
    ProjectionProgress projectionProgress(
            ApplicationContext context,
            JdbcTemplate jdbc,
            Serializer serializer,
            EventProcessingConfiguration processing) {
        // the stream publisher and the audit chain are no read models: readers never wait for Kafka, nor for the
        // operators' tamper check
        var groups = Arrays.stream(context.getBeanNamesForAnnotation(ProcessingGroup.class))
                .map(name -> context.findAnnotationOnBean(name, ProcessingGroup.class)
                        .value())
                .filter(group -> !StreamPublisher.GROUP.equals(group) && !AuditChain.GROUP.equals(group))
                .collect(Collectors.toSet());
        return new ProjectionProgress(jdbc, serializer, groups, (processor, payloadType) -> {
            try {
                var type = Class.forName(payloadType, false, QuerySideConfiguration.class.getClassLoader());
                return processing
                        .eventProcessor(processor, AbstractEventProcessor.class)
                        .map(p -> p.eventHandlerInvoker().canHandleType(type))
                        .orElse(true);
            } catch (ClassNotFoundException e) {
                return false;
            }
        });
    }

    /** Failing events of the read models are set aside per aggregate, and the rest goes on (io.identity.query.admin). */
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
        // the hash chain must never skip an event: it retries until the event passes
        configurer.registerListenerInvocationErrorHandler(AuditChain.GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    DeadLetters deadLetterQueue(
            DatabaseMigrations migrated, JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        return new DeadLetters(jdbc, processing);
    }

    @Bean
    ProjectionStatus projectionStatus(ProjectionProgress progress, ProcessorLag lag) {
        return new ProjectionStatus(progress, lag, java.time.Clock.systemUTC());
    }

    @Bean
    ProcessorLag processorLag(JdbcTemplate jdbc, Serializer serializer) {
        return new ProcessorLag(jdbc, serializer);
    }

    /** Readiness: out of rotation while a projection is more than the configured number of events behind. */
    @Bean("projections")
    ProjectionsHealth projectionsHealth(
            ProjectionProgress progress,
            ProcessorLag lag,
            @Value("${identity.readiness.max-projection-lag:10000}") long maxLag) {
        return new ProjectionsHealth(progress, lag, maxLag);
    }

    /** {@code identity_projection_lag_events{processor}}: how far each read model is behind the event store. */
    @Bean
    MeterBinder projectionLag(ProjectionProgress progress, ProjectionStatus status) {
        return registry -> progress.projections().forEach(projection -> status.lagGauge(projection, registry));
    }

    @Bean
    WebMvcConfigurer readYourWrites(
            ProjectionProgress progress, AccessTokenVerifier verifier, JdbcTemplate jdbc, QuerySettings settings) {
        var readYourWrites = new ReadYourWrites(
                progress,
                verifier,
                () -> jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class),
                settings.readYourWritesTimeout());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(readYourWrites).addPathPatterns("/api/**");
            }
        };
    }
}
