package io.identity.command.web;

import io.identity.support.request.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
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
                    ? message : message.andMetaData(requestMetadata());
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
    public record Stored<T>(T result, Long position) {
    }

    /** Sends one command and waits for it. */
    public <R> Stored<R> send(Object command) {
        return run(() -> gateway.sendAndWait(command));
    }

    /** Runs work (commands and the command side's own table writes) atomically. */
    public <T> Stored<T> run(Supplier<T> work) {
        var outer = PUBLISHED.get();
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

    private Long positionOf(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return null;
        }
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE event_identifier = ANY(?)",
                Long.class, (Object) eventIds.toArray(String[]::new));
    }
}
