package io.identity.command.recovery;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.credential.PasswordPolicy;
import io.identity.command.handling.Commands;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.ChangePassword;
import io.identity.command.user.CurrentPassword;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** A signed-in person changes their password with the current one; every other session of theirs ends. */
@Component
class PasswordChange {

    private final CurrentPassword currentPassword;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;

    PasswordChange(
            CurrentPassword currentPassword,
            PasswordHasher hasher,
            PasswordPolicy policy,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions) {
        this.currentPassword = currentPassword;
        this.hasher = hasher;
        this.policy = policy;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
    }

    Commands.Stored<Object> change(Caller caller, String current, String newPassword) {
        var account = currentPassword.check(caller, current);
        PasswordRules.check(policy, "newPassword", newPassword, account);
        var hash = hasher.hash(newPassword);
        return commands.run(() -> {
            gateway.sendAndWait(new ChangePassword(account.userId(), hash));
            sessions.endAll(account.userId(), caller.sessionId(), SessionEndReason.PASSWORD_CHANGED);
            return null;
        });
    }
}
