package io.identity.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.user.UserRegistered;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's account. Uniqueness of username and email is a set rule over all users, decided by the
 * {@code accounts} lookup table in the same transaction as this aggregate's events.
 */
@Aggregate
class User {

    @AggregateIdentifier
    private UUID userId;

    User() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    User(RegisterUser command, Clock clock) {
        apply(new UserRegistered(command.userId(), command.username(), command.email(), command.passwordHash(),
                command.displayName(), command.method(), clock.instant()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }
}
