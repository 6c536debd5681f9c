package io.identity.query.processing;

import java.sql.Connection;
import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wraps every event handler of the query side for the batch it runs in ({@link Batches}).
 *
 * <ul>
 *   <li>At speed: a failure breaks the batch ({@link BatchRetried}), and the batch's later events are not handled,
 *       since it is rolled back and handled again carefully.
 *   <li>Carefully: the handler's work is behind a savepoint; if it fails, its writes are rolled back to the
 *       savepoint and the transaction stays usable, so the dead-letter queue records the event in it and the rest of
 *       the batch applies and commits with the token (PostgreSQL refuses every later statement of a transaction in
 *       which one failed). One savepoint name serves the batch: the first event sets it, each later one releases the
 *       previous and sets it again in the same round trip.
 *   <li>Outside a transaction (a handler called on its own) nothing changes.
 * </ul>
 */
final class HandlerInBatch implements HandlerEnhancerDefinition {

    private static final String SET = "SAVEPOINT event";
    private static final String MOVE = "RELEASE SAVEPOINT event; SAVEPOINT event";
    private static final String UNDO = "ROLLBACK TO SAVEPOINT event";

    private final Batches batches;

    HandlerInBatch(Batches batches) {
        this.batches = batches;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        return original.canHandleMessageType(EventMessage.class) ? new InBatch<>(original, batches) : original;
    }

    private static final class InBatch<T> extends WrappedMessageHandlingMember<T> {

        private final Batches batches;

        InBatch(MessageHandlingMember<T> delegate, Batches batches) {
            super(delegate);
            this.batches = batches;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            var batch = batches.current();
            if (batch == null) {
                return super.handle(message, target);
            }
            if (!batch.careful()) {
                if (batch.broken()) {
                    return null;
                }
                try {
                    return super.handle(message, target);
                } catch (Exception e) {
                    throw batch.failed(e);
                }
            }
            var connection = transactionConnection();
            if (connection == null) {
                return super.handle(message, target);
            }
            try (var statement = connection.createStatement()) {
                statement.execute(batch.savepointSet() ? MOVE : SET);
            }
            try {
                return super.handle(message, target);
            } catch (Exception | Error failure) {
                try (var statement = connection.createStatement()) {
                    statement.execute(UNDO);
                } catch (SQLException undo) {
                    failure.addSuppressed(undo);
                }
                throw failure;
            }
        }

        /** The connection of the transaction this thread is in, or null when it is in none. */
        private static Connection transactionConnection() {
            for (var resource :
                    TransactionSynchronizationManager.getResourceMap().values()) {
                if (resource instanceof ConnectionHolder holder && holder.isSynchronizedWithTransaction()) {
                    return holder.getConnection();
                }
            }
            return null;
        }
    }
}
