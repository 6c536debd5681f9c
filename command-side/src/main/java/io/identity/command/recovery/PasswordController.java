package io.identity.command.recovery;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.credential.PasswordPolicy;
import io.identity.command.handling.Commands;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.ChangePassword;
import io.identity.command.user.CurrentPassword;
import io.identity.command.web.Responses;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/users/me/password}: a new password, given the current one; other sessions end. */
@RestController
class PasswordController {

    private final CurrentPassword currentPassword;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;

    PasswordController(
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

    record ChangeRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangeRequest[]";
        }
    }

    @PostMapping("/api/v1/users/me/password")
    ResponseEntity<Void> change(Caller caller, @RequestBody ChangeRequest request) {
        var account = currentPassword.check(caller, request.currentPassword());
        PasswordRules.check(policy, "newPassword", request.newPassword(), account);
        var hash = hasher.hash(request.newPassword());
        var stored = commands.run(() -> {
            gateway.sendAndWait(new ChangePassword(account.userId(), hash));
            sessions.endAll(account.userId(), caller.sessionId(), SessionEndReason.PASSWORD_CHANGED);
            return null;
        });
        return Responses.noContent(stored);
    }
}
