package io.identity.command.handling;

import io.identity.support.privacy.ProtectingSerializer;
import io.identity.support.request.RequestContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the commands of one request in one transaction and tells the global position of the last event they
 * stored, for the {@code X-Event-Position} header. Every event published on this thread while the work runs is
 * noted by id; their positions are read back inside the transaction, before it commits.
 */
@Component
public class Commands {

    private static final ThreadLocal<List<String>> PUBLISHED = new ThreadLocal<>();
    /** How often work that lost a race for an aggregate is tried, in all (about a second of waiting at most). */
    static final int ATTEMPTS = 10;

    private static final String SEQUENCE_CONSTRAINT = "domain_event_entry_aggregate_sequence";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    Commands(CommandGateway gateway, TransactionTemplate transactions, JdbcTemplate jdbc, EventBus eventBus) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.jdbc = jdbc;
        gateway.registerDispatchInterceptor(messages -> (index, command) -> command.andMetaData(requestMetadata()));
        eventBus.registerDispatchInterceptor(messages -> {
            var published = PUBLISHED.get();
            if (published != null) {
                messages.stream().map(EventMessage::getIdentifier).forEach(published::add);
            }
            // events published outside a command (audit facts) get the request's metadata as commands' do
            return (index, message) -> message.getMetaData().containsKey("correlationId")
                    ? message
                    : message.andMetaData(requestMetadata());
        });
        // where a request came from is sealed under the key of who acted, else of the person the event is about
        eventBus.registerDispatchInterceptor(messages -> (index, message) -> {
            if (message.getMetaData().containsKey("actorId")
                    || message.getMetaData().containsKey(ProtectingSerializer.DATA_SUBJECT)) {
                return message;
            }
            var subject = ProtectingSerializer.dataSubjectOf(message.getPayload());
            return subject == null
                    ? message
                    : message.andMetaData(Map.of(ProtectingSerializer.DATA_SUBJECT, subject.toString()));
        });
    }

    /** Who asked, from where, under which correlation id: copied by Axon from each command to its events. */
    private static Map<String, Object> requestMetadata() {
        var context = RequestContext.current();
        var metadata = new HashMap<String, Object>();
        metadata.put("correlationId", context.correlationId());
        if (context.actorId() != null) {
            metadata.put("actorId", context.actorId().toString());
        }
        if (context.ip() != null) {
            metadata.put("ip", context.ip());
        }
        if (context.userAgent() != null) {
            metadata.put("userAgent", context.userAgent());
        }
        return metadata;
    }

    /** The result of some work and the position of the last event it stored, or null when it stored none. */
    public record Stored<T>(T result, Long position) {}

    /** Sends one command and waits for it. */
    public <R> Stored<R> send(Object command) {
        return run(() -> gateway.sendAndWait(command));
    }

    /**
     * Runs work (commands and the command side's own table writes) atomically. When the work lost a race for an
     * aggregate (another transaction, on this instance or another, appended the sequence number it wanted), it is
     * run again from the start in a new transaction, with the aggregate as it now is, up to {@link #ATTEMPTS}
     * times; the client sees {@code 409 conflict} only when the race is lost every time. Work nested in other
     * work joins its transaction and is retried with it.
     */
    public <T> Stored<T> run(Supplier<T> work) {
        var outer = PUBLISHED.get();
        if (outer != null) {
            return attempt(work, outer);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(work, null);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lostRace(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private <T> Stored<T> attempt(Supplier<T> work, List<String> outer) {
        var published = new ArrayList<String>();
        PUBLISHED.set(published);
        try {
            return transactions.execute(status -> {
                var result = work.get();
                return new Stored<>(result, positionOf(published));
            });
        } finally {
            if (outer != null) {
                outer.addAll(published);
                PUBLISHED.set(outer);
            } else {
                PUBLISHED.remove();
            }
        }
    }

    /**
     * Another append took the aggregate's next sequence number (Axon's conflict, or the store's unique index), or
     * two changes of the same aggregates, taken in different orders, waited for each other (in this instance, or in
     * PostgreSQL across instances) and this one was chosen to give way.
     */
    static boolean lostRace(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof DeadlockException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState())
                                    && String.valueOf(sql.getMessage()).contains(SEQUENCE_CONSTRAINT)
                            || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A growing, jittered wait (up to 10, 20, 40… 200 ms), so that racing requests do not meet again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(200, 10L << (attempt - 1)) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Long positionOf(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return null;
        }
        return jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE event_identifier = ANY(?)", Long.class, (Object)
                        eventIds.toArray(String[]::new));
    }
}
