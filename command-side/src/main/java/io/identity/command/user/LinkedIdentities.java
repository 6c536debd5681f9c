package io.identity.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.user.ExternalIdentityLinked;
import io.identity.events.user.ExternalIdentityUnlinked;
import io.identity.events.user.PasswordChanged;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.UserRegistered;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The part of a {@link User} that knows the ways they sign in: a password or not, and one account per configured
 * OpenID Connect provider. The last way in cannot be removed.
 */
class LinkedIdentities {

    private UUID userId;
    private boolean hasPassword;
    /** Provider id to the provider's subject. */
    private final Map<String, String> subjects = new HashMap<>();

    /**
     * Linking the same account again changes nothing; a provider holds one account per user, so another subject
     * of a linked provider is refused ({@code 409 conflict}): unlink the first one before.
     *
     * @return whether a new link was made (and its notice is due)
     */
    @CommandHandler
    boolean handle(LinkExternalIdentity command, Clock clock) {
        var linked = subjects.get(command.provider());
        if (command.subject().equals(linked)) {
            return false;
        }
        if (linked != null) {
            throw new IdentityException(
                    ErrorCode.CONFLICT, "Another account of this provider is linked already; unlink it first.");
        }
        apply(new ExternalIdentityLinked(
                userId, command.provider(), command.subject(), command.email(), clock.instant()));
        return true;
    }

    @CommandHandler
    void handle(UnlinkExternalIdentity command, Clock clock) {
        var subject = subjects.get(command.provider());
        if (subject == null) {
            throw new IdentityException(ErrorCode.NOT_FOUND, "No account of this provider is linked.");
        }
        if (!hasPassword && subjects.size() == 1) {
            throw new IdentityException(
                    ErrorCode.CONFLICT,
                    "This is the account's last way to sign in: set a password or link another provider first.");
        }
        apply(new ExternalIdentityUnlinked(userId, command.provider(), subject, clock.instant()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        hasPassword = event.passwordHash() != null;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        hasPassword = true;
    }

    @EventSourcingHandler
    void on(PasswordReset event) {
        hasPassword = true;
    }

    @EventSourcingHandler
    void on(ExternalIdentityLinked event) {
        subjects.put(event.provider(), event.subject());
    }

    @EventSourcingHandler
    void on(ExternalIdentityUnlinked event) {
        subjects.remove(event.provider());
    }
}
