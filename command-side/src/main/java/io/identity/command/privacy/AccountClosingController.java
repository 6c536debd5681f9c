package io.identity.command.privacy;

import io.identity.command.handling.Commands;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.command.user.DeactivateUser;
import io.identity.command.web.Responses;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import io.identity.support.auth.Operators;
import io.identity.support.problem.IdentityException;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Closing an account (§5): deactivation keeps the data, erasure ({@link Erasure}) destroys it for good. */
@RestController
class AccountClosingController {

    private final CurrentPassword currentPassword;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;
    private final Operators operators;
    private final Accounts accounts;
    private final Erasure erasure;

    AccountClosingController(
            CurrentPassword currentPassword,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions,
            Operators operators,
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

    record Confirmation(String currentPassword) {
        @Override
        public String toString() {
            return "Confirmation[]";
        }
    }

    @DeleteMapping("/api/v1/users/me")
    ResponseEntity<Void> deactivate(Caller caller, @RequestBody Confirmation confirmation) {
        var account = currentPassword.check(caller, confirmation.currentPassword());
        return Responses.noContent(commands.run(() -> {
            erasure.requireNotSoleOwner(account.userId());
            gateway.sendAndWait(new DeactivateUser(account.userId()));
            sessions.endAll(account.userId(), null, SessionEndReason.ACCOUNT_CLOSED);
            return null;
        }));
    }

    @PostMapping("/api/v1/users/me/erase")
    ResponseEntity<Void> erase(Caller caller, @RequestBody Confirmation confirmation) {
        var account = currentPassword.check(caller, confirmation.currentPassword());
        return Responses.noContent(erasure.erase(account.userId()));
    }

    /** The same erasure, done by an operator on a data-protection request. */
    @PostMapping("/api/v1/admin/users/{userId}/erase")
    ResponseEntity<Void> eraseAsOperator(Caller caller, @PathVariable UUID userId) {
        operators.require(caller);
        if (accounts.byId(userId).isEmpty()) {
            throw IdentityException.notFound();
        }
        return Responses.noContent(erasure.erase(userId));
    }
}
