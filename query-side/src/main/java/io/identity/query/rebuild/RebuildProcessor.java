package io.identity.query.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import io.identity.query.balance.SegmentShares;
import io.identity.query.deadletter.DeadLetters;
import io.identity.support.db.DatabaseSettings;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * This instance's share of a running rebuild: a pooled streaming processor with the projection's own handler
 * class, from the first event, whose database connections see the rebuild's schema alone; so its handlers, unchanged,
 * write the new tables. Its tokens are kept in this side's token store under its own name, so that the instances
 * share its segments as they share the projection's (each its fair share), and one that dies leaves its segments to
 * the others.
 */
final class RebuildProcessor implements AutoCloseable {

    /**
     * What every rebuild on this instance is built from.
     *
     * @param database  this side's schema (its token store and dead letters), and this instance's claims
     * @param batchSize events per batch
     * @param shares    this instance's share of a processor's segments, as for the projections' processors, so
     *                  that every live instance takes part in a rebuild
     */
    record Parts(
            DataSourceProperties dataSource,
            DatabaseSettings database,
            StreamableMessageSource<TrackedEventMessage<?>> source,
            Serializer serializer,
            TokenSchema tokens,
            int batchSize,
            RebuildHandlers handlers,
            SegmentShares shares) {}

    private final HikariDataSource dataSource;
    private final ScheduledExecutorService coordinator;
    private final ScheduledExecutorService workers;
    private final PooledStreamingEventProcessor processor;

    /**
     * @param name         the processor's name, in the token store
     * @param schema       the schema its tables are in: its connections see nothing else
     * @param segments     as many as the projection has, so that each segment's position can be handed over
     * @param handlerClass the projection
     */
    RebuildProcessor(Parts parts, String name, String schema, int segments, Class<?> handlerClass) {
        // the token store's and the dead letters' tables, qualified with this side's own schema
        var tokenTable = parts.database().schema() + ".token_entry";
        var letterTable = parts.database().schema() + "." + DeadLetters.TABLE;
        dataSource = parts.dataSource()
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName(name);
        // as the side's own pool: a projection's batched inserts go as multi-row statements
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        dataSource.setMaximumPoolSize(4);
        dataSource.setConnectionInitSql("SET search_path TO " + schema + "; SET statement_timeout = '30s'; "
                + "SET idle_in_transaction_session_timeout = '30s'");
        coordinator = Executors.newScheduledThreadPool(1, new AxonThreadFactory("Coordinator[" + name + "]"));
        workers = Executors.newScheduledThreadPool(2, new AxonThreadFactory("WorkPackage[" + name + "]"));
        try {
            var connections =
                    new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
            var handler = parts.handlers().instantiate(handlerClass, dataSource);
            // each write commits by itself, the token after the batch: the switch (TableSwap) counts on a rebuild's
            // writes being in its tables before its token moves, and on nothing of a batch waiting for its end
            var transactions = NoTransactionManager.instance();
            processor = PooledStreamingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(
                            parts.handlers().invoker(name, handler, letterTable, connections, transactions))
                    .errorHandler(PropagatingErrorHandler.instance())
                    .messageSource(parts.source())
                    .tokenStore(JdbcTokenStore.builder()
                            .connectionProvider(connections)
                            .serializer(parts.serializer())
                            .schema(qualified(parts.tokens(), tokenTable))
                            .claimTimeout(parts.database().tokenClaimTimeout())
                            .nodeId(parts.database().nodeId())
                            .contentType(byte[].class)
                            .build())
                    .transactionManager(transactions)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(segments)
                    .initialToken(StreamableMessageSource::createTailToken)
                    .batchSize(parts.batchSize())
                    .maxSegmentProvider(parts.shares().forProcessor())
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
}
