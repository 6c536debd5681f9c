package io.identity.query.consistency;

import io.identity.query.QuerySettings;
import io.identity.support.auth.AccessTokenVerifier;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.serialization.Serializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How far the projections are, and what depends on it: read-your-writes, readiness, the projections' status for
 * operators, and their lag as a metric.
 */
@Configuration(proxyBeanMethods = false)
class ConsistencyConfiguration {

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
                .filter(name -> context.findAnnotationOnBean(name, ReadersDoNotWait.class) == null)
                .map(name -> context.findAnnotationOnBean(name, ProcessingGroup.class)
                        .value())
                .collect(Collectors.toSet());
        return new ProjectionProgress(jdbc, serializer, groups, (processor, payloadType) -> {
            try {
                var type = Class.forName(payloadType, false, ConsistencyConfiguration.class.getClassLoader());
                return processing
                        .eventProcessor(processor, AbstractEventProcessor.class)
                        .map(p -> p.eventHandlerInvoker().canHandleType(type))
                        .orElse(true);
            } catch (ClassNotFoundException e) {
                return false;
            }
        });
    }

    @Bean
    ProcessorLag processorLag(JdbcTemplate jdbc, Serializer serializer) {
        return new ProcessorLag(jdbc, serializer);
    }

    @Bean
    ProjectionStatus projectionStatus(ProjectionProgress progress, ProcessorLag lag) {
        return new ProjectionStatus(progress, lag, Clock.systemUTC());
    }

    /** Readiness: out of rotation while a projection is more than the configured number of events behind. */
    @Bean("projections")
    ProjectionsHealth projectionsHealth(ProjectionProgress progress, ProcessorLag lag, ReadinessSettings settings) {
        return new ProjectionsHealth(progress, lag, settings.maxProjectionLag());
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
