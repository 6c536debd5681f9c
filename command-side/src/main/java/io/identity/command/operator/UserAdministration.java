package io.identity.command.operator;

import io.identity.command.handling.Commands;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.Accounts;
import io.identity.command.user.LockUser;
import io.identity.command.user.UnlockUser;
import io.identity.command.web.FieldValidation;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * What operators do to an account (§14): lock it (it cannot sign in, and every session of it ends at once, in the
 * lock's transaction), unlock it, and end all its sessions. Only operators ({@code identity.operators}); anyone
 * else is refused ({@code 403 forbidden}), as on every operator endpoint.
 */
@Service
class UserAdministration {

    private final OperatorSettings operators;
    private final Accounts accounts;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;

    UserAdministration(
            OperatorSettings operators,
            Accounts accounts,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions) {
        this.operators = operators;
        this.accounts = accounts;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
    }

    Commands.Stored<Object> lock(Caller operator, UUID userId, String reason) {
        operators.require(operator);
        var input = new FieldValidation();
        var why = input.text("reason", reason, 1, 500);
        input.check();
        var account = accounts.byId(userId).orElseThrow(IdentityException::notFound);
        RequestContext.actor(operator.userId());
        return commands.run(() -> {
            gateway.sendAndWait(new LockUser(account.userId(), why, operator.userId()));
            sessions.endAll(account.userId(), null, SessionEndReason.ACCOUNT_LOCKED);
            return null;
        });
    }

    Commands.Stored<Object> unlock(Caller operator, UUID userId) {
        operators.require(operator);
        var account = accounts.byId(userId).orElseThrow(IdentityException::notFound);
        RequestContext.actor(operator.userId());
        return commands.run(() -> {
            gateway.sendAndWait(new UnlockUser(account.userId(), operator.userId()));
            return null;
        });
    }

    Commands.Stored<Object> endSessions(Caller operator, UUID userId) {
        operators.require(operator);
        var account = accounts.byId(userId).orElseThrow(IdentityException::notFound);
        RequestContext.actor(operator.userId());
        return commands.run(() -> {
            sessions.endAll(account.userId(), null, SessionEndReason.OPERATOR);
            return null;
        });
    }
}
