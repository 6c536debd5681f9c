package io.identity.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.session.SessionEnded;
import io.identity.events.session.SessionStarted;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One sign-in of a user. It has two facts only, started and ended, so it stays small however often its tokens
 * are refreshed (refresh-token rotation lives in a table, not in events).
 */
@Aggregate
class Session {

    @AggregateIdentifier
    private UUID sessionId;

    private UUID userId;
    private boolean ended;

    Session() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Session(StartSession command, Clock clock) {
        apply(new SessionStarted(
                command.sessionId(),
                command.userId(),
                command.method(),
                clock.instant(),
                command.expiresAt(),
                command.amr()));
    }

    /** Ending an ended session changes nothing; someone else's session is not found, as if it did not exist. */
    @CommandHandler
    void handle(EndSession command, Clock clock) {
        if (!userId.equals(command.requestedBy())) {
            throw IdentityException.notFound();
        }
        if (!ended) {
            apply(new SessionEnded(sessionId, userId, command.reason(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(SessionEnded event) {
        ended = true;
    }
}
