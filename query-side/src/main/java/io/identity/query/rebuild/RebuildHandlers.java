package io.identity.query.rebuild;

import io.identity.query.deadletter.DeadLetterSettings;
import io.identity.query.deadletter.DeadLetters;
import io.identity.query.processing.ProjectionJdbc;
import java.lang.reflect.InvocationTargetException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;

/**
 * A projection's handlers as its rebuild runs them: a new instance of the projection writing through the rebuild's
 * own connections, applying events in the projection's own order, and failing as the projection's own do.
 */
@Component
final class RebuildHandlers {

    private final Configuration axon;
    private final AutowireCapableBeanFactory beans;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final boolean deadLetters;
    private final ProjectionJdbc jdbc;

    RebuildHandlers(
            ProjectionJdbc jdbc,
            Configuration axon,
            ApplicationContext context,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            DeadLetterSettings deadLetters) {
        this.axon = axon;
        this.beans = context.getAutowireCapableBeanFactory();
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.deadLetters = deadLetters.enabled();
        this.jdbc = jdbc;
    }

    /**
     * A new instance of the projection, given a JDBC template over the rebuild's own pool ({@code dataSource}) and
     * this side's beans for the rest.
     */
    Object instantiate(Class<?> type, DataSource dataSource) {
        var own = jdbc.over(dataSource);
        var constructors = type.getDeclaredConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " needs exactly one constructor to be rebuilt");
        }
        var constructor = constructors[0];
        var arguments = new Object[constructor.getParameterCount()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = constructor.getParameterTypes()[i].isAssignableFrom(ProjectionJdbc.class)
                    ? own
                    : beans.resolveDependency(
                            new DependencyDescriptor(new MethodParameter(constructor, i), true), null);
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not make a " + type.getName() + " to rebuild", e);
        }
    }

    /**
     * The projection's handlers, failing as the projection's own do: an event that throws is set aside in the dead
     * letters under the rebuild's name (they become the projection's at the switch), or, with dead letters off,
     * retried until it passes; never skipped, or the rebuild would be put in place incomplete.
     */
    EventHandlerInvoker invoker(
            String name,
            Object handler,
            String letterTable,
            ConnectionProvider connections,
            TransactionManager transactions) {
        var type = handler.getClass();
        // the projection's own order of events (which events must be applied one after another)
        var sequencing = axon.eventProcessingConfiguration()
                .sequencingPolicy(type.getAnnotation(ProcessingGroup.class).value());
        if (deadLetters) {
            // which sequences have letters is known from memory, as in the live projections
            return DeadLetters.remembered(DeadLetteringEventHandlerInvoker.builder())
                    .eventHandlers(handler)
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(type))
                    .sequencingPolicy(sequencing)
                    .queue(DeadLetters.queue(name, letterTable, connections, transactions, serializer, eventSerializer))
                    .enqueuePolicy(DeadLetters.policy(name))
                    .transactionManager(transactions)
                    .build();
        }
        return SimpleEventHandlerInvoker.builder()
                .eventHandlers(handler)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(type))
                .sequencingPolicy(sequencing)
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
    }
}
