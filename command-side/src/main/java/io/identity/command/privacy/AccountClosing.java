package io.identity.command.privacy;

import io.identity.command.handling.Commands;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.command.user.DeactivateUser;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.IdentityException;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Closing an account (§5): deactivation keeps the data, erasure ({@link Erasure}) destroys it for good. The holder
 * closes it with their current password; an operator erases on a data-protection request.
 */
@Component
class AccountClosing {

    private final CurrentPassword currentPassword;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;
    private final OperatorSettings operators;
    private final Accounts accounts;
    private final Erasure erasure;

    AccountClosing(
            CurrentPassword currentPassword,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions,
            OperatorSettings operators,
            Accounts accounts,
            Erasure erasure) {
        this.currentPassword = currentPassword;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
        this.operators = operators;
        this.accounts = accounts;
        this.erasure = erasure;
    }

    /** The account stays, closed: no sign-in, every session ended. A company's sole owner must hand it over first. */
    Commands.Stored<Object> deactivate(Caller caller, String password) {
        var account = currentPassword.check(caller, password);
        return commands.run(() -> {
            erasure.requireNotSoleOwner(account.userId());
            gateway.sendAndWait(new DeactivateUser(account.userId()));
            sessions.endAll(account.userId(), null, SessionEndReason.ACCOUNT_CLOSED);
            return null;
        });
    }

    Commands.Stored<Object> erase(Caller caller, String password) {
        var account = currentPassword.check(caller, password);
        return erasure.erase(account.userId());
    }

    /** The same erasure, done by an operator on a data-protection request. */
    Commands.Stored<Object> eraseAsOperator(Caller caller, UUID userId) {
        operators.require(caller);
        if (accounts.byId(userId).isEmpty()) {
            throw IdentityException.notFound();
        }
        return erasure.erase(userId);
    }
}
