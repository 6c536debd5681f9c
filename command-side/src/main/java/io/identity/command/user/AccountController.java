package io.identity.command.user;

import io.identity.command.company.CompanyMembers;
import io.identity.command.session.Sessions;
import io.identity.command.web.Commands;
import io.identity.command.web.Responses;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /api/v1/users/me}: the user closes their account (§5). */
@RestController
class AccountController {

    private final CurrentPassword currentPassword;
    private final CompanyMembers companies;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Sessions sessions;

    AccountController(CurrentPassword currentPassword, CompanyMembers companies, Commands commands,
                      CommandGateway gateway, Sessions sessions) {
        this.currentPassword = currentPassword;
        this.companies = companies;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
    }

    record Confirmation(String currentPassword) {
        @Override
        public String toString() {
            return "Confirmation[]";
        }
    }

    /** Refused while the user is a company's only active OWNER: they hand ownership on first. */
    @DeleteMapping("/api/v1/users/me")
    ResponseEntity<Void> deactivate(Caller caller, @RequestBody Confirmation confirmation) {
        var account = currentPassword.check(caller, confirmation.currentPassword());
        var stored = commands.run(() -> {
            if (!companies.soleOwnerships(account.userId()).isEmpty()) {
                throw new IdentityException(ErrorCode.LAST_OWNER,
                        "You are the only owner of a company: make someone else an owner first.");
            }
            gateway.sendAndWait(new DeactivateUser(account.userId()));
            sessions.endAll(account.userId(), null, SessionEndReason.ACCOUNT_CLOSED);
            return null;
        });
        return Responses.noContent(stored);
    }
}
