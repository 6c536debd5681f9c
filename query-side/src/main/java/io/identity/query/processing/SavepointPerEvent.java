package io.identity.query.processing;

import java.sql.Connection;
import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts every event handler's work behind a savepoint when it runs in a transaction (a processor's batch): if the
 * handler fails, its writes are rolled back to the savepoint and the transaction stays usable, so the dead-letter
 * queue can record the event in it and the rest of the batch applies and commits with the token. Without this,
 * PostgreSQL refuses every later statement of a transaction in which one statement failed.
 *
 * <p>One savepoint name serves the whole batch: the first event of a batch sets it, every later one releases the
 * previous and sets it again in the same round trip, so a batch holds one savepoint at a time and an event costs
 * one round trip more than its own writes. Outside a transaction (a handler called on its own) it changes nothing.
 */
final class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final String SET = "SAVEPOINT event";
    private static final String MOVE = "RELEASE SAVEPOINT event; SAVEPOINT event";
    private static final String UNDO = "ROLLBACK TO SAVEPOINT event";
    /** The batch's unit-of-work resource that says its transaction holds the savepoint already. */
    private static final String SET_IN_BATCH = SavepointPerEvent.class.getName() + ".set";

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        return original.canHandleMessageType(EventMessage.class) ? new Savepointed<>(original) : original;
    }

    private static final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        Savepointed(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            var connection = transactionConnection();
            if (connection == null) {
                return super.handle(message, target);
            }
            mark(connection);
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

        private static void mark(Connection connection) throws SQLException {
            var batch = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
            var set = batch != null && batch.resources().containsKey(SET_IN_BATCH);
            try (var statement = connection.createStatement()) {
                statement.execute(set ? MOVE : SET);
            }
            if (batch != null) {
                batch.resources().put(SET_IN_BATCH, Boolean.TRUE);
            }
        }

        /** The connection of the transaction this thread is in, or null when it is in none. */
        private static Connection transactionConnection() {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return null;
            }
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
