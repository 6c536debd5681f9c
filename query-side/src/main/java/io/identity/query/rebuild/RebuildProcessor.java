package io.identity.query.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import io.identity.query.deadletter.DeadLetters;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This instance's share of a running rebuild: a pooled streaming processor with the projection's own handler
 * class, from the first event, whose database connections see the rebuild's schema alone; so its handlers, unchanged,
 * write the new tables. Its tokens are kept in this side's token store under its own name, so that the instances
 * share its segments as they share the projection's, and one that dies leaves its segments to the others.
 */
public final class RebuildProcessor implements AutoCloseable {

    /** What every rebuild on this instance is built from. */
    public record Parts(
            DataSourceProperties database,
            Configuration axon,
            AutowireCapableBeanFactory beans,
            StreamableMessageSource<TrackedEventMessage<?>> source,
            Serializer serializer,
            Serializer eventSerializer,
            TokenSchema tokens,
            String nodeId,
            Duration claimTimeout,
            int batchSize,
            boolean deadLetters) {}

    private final HikariDataSource dataSource;
    private final ScheduledExecutorService coordinator;
    private final ScheduledExecutorService workers;
    private final PooledStreamingEventProcessor processor;

    /**
     * @param name         the processor's name, in the token store
     * @param schema       the schema its tables are in: its connections see nothing else
     * @param tokenTable   the token store's table, qualified with this side's own schema
     * @param letterTable  the dead letters' table, likewise
     * @param segments     as many as the projection has, so that each segment's position can be handed over
     * @param handlerClass the projection
     */
    RebuildProcessor(
            Parts parts,
            String name,
            String schema,
            String tokenTable,
            String letterTable,
            int segments,
            Class<?> handlerClass) {
        dataSource = parts.database()
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName(name);
        dataSource.setMaximumPoolSize(4);
        dataSource.setConnectionInitSql("SET search_path TO " + schema + "; SET statement_timeout = '30s'; "
                + "SET idle_in_transaction_session_timeout = '30s'");
        coordinator = Executors.newScheduledThreadPool(1, new AxonThreadFactory("Coordinator[" + name + "]"));
        workers = Executors.newScheduledThreadPool(2, new AxonThreadFactory("WorkPackage[" + name + "]"));
        try {
            var connections =
                    new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
            var handler = instantiate(handlerClass, new JdbcTemplate(dataSource), parts.beans());
            // as the projection's own processor: each write commits by itself, the token after the batch
            var transactions = NoTransactionManager.instance();
            processor = PooledStreamingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(invoker(parts, name, handler, letterTable, connections, transactions))
                    .errorHandler(PropagatingErrorHandler.instance())
                    .messageSource(parts.source())
                    .tokenStore(JdbcTokenStore.builder()
                            .connectionProvider(connections)
                            .serializer(parts.serializer())
                            .schema(qualified(parts.tokens(), tokenTable))
                            .claimTimeout(parts.claimTimeout())
                            .nodeId(parts.nodeId())
                            .contentType(byte[].class)
                            .build())
                    .transactionManager(transactions)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(segments)
                    .initialToken(StreamableMessageSource::createTailToken)
                    .batchSize(parts.batchSize())
                    .tokenClaimInterval(1000)
                    // a segment without events of its own stores its token only when its claim is extended (every
                    // 5 s by default): under a steady load its stored position would trail the head by 5 s of
                    // events, and the switch, which reads the stored positions, would wait for a quiet moment
                    .claimExtensionThreshold(500)
                    .build();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        processor.start();
    }

    /** Stops processing and releases this instance's segments (waiting for the batch in hand), then the pool. */
    @Override
    public void close() {
        if (processor != null) {
            try {
                processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the claims run out by themselves
            }
        }
        coordinator.shutdownNow();
        workers.shutdownNow();
        dataSource.close();
    }

    /**
     * The projection's handlers, failing as the projection's own do: an event that throws is set aside in the dead
     * letters under the rebuild's name (they become the projection's at the switch), or, with dead letters off,
     * retried until it passes; never skipped, or the rebuild would be put in place incomplete.
     */
    private static EventHandlerInvoker invoker(
            Parts parts,
            String name,
            Object handler,
            String letterTable,
            ConnectionProvider connections,
            TransactionManager transactions) {
        var type = handler.getClass();
        // the projection's own order of events (which events must be applied one after another)
        var sequencing = parts.axon()
                .eventProcessingConfiguration()
                .sequencingPolicy(type.getAnnotation(ProcessingGroup.class).value());
        if (parts.deadLetters()) {
            // which sequences have letters is known from memory, as in the live projections
            return DeadLetters.remembered(DeadLetteringEventHandlerInvoker.builder())
                    .eventHandlers(handler)
                    .parameterResolverFactory(parts.axon().parameterResolverFactory())
                    .handlerDefinition(parts.axon().handlerDefinition(type))
                    .sequencingPolicy(sequencing)
                    .queue(DeadLetters.queue(
                            name, letterTable, connections, transactions, parts.serializer(), parts.eventSerializer()))
                    .enqueuePolicy(DeadLetters.policy(name))
                    .transactionManager(transactions)
                    .build();
        }
        return SimpleEventHandlerInvoker.builder()
                .eventHandlers(handler)
                .parameterResolverFactory(parts.axon().parameterResolverFactory())
                .handlerDefinition(parts.axon().handlerDefinition(type))
                .sequencingPolicy(sequencing)
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
    }

    private static TokenSchema qualified(TokenSchema schema, String table) {
        return TokenSchema.builder()
                .setTokenTable(table)
                .setProcessorNameColumn(schema.processorNameColumn())
                .setSegmentColumn(schema.segmentColumn())
                .setTokenColumn(schema.tokenColumn())
                .setTokenTypeColumn(schema.tokenTypeColumn())
                .setTimestampColumn(schema.timestampColumn())
                .setOwnerColumn(schema.ownerColumn())
                .build();
    }

    /** A new instance of the projection, given the rebuild's JDBC template and this side's beans for the rest. */
    private static Object instantiate(Class<?> type, JdbcTemplate jdbc, AutowireCapableBeanFactory beans) {
        var constructors = type.getDeclaredConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " needs exactly one constructor to be rebuilt");
        }
        var constructor = constructors[0];
        var arguments = new Object[constructor.getParameterCount()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = constructor.getParameterTypes()[i] == JdbcTemplate.class
                    ? jdbc
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
}
