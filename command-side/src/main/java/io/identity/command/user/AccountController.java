package io.identity.command.user;

import io.identity.command.CheckedAggregateCache;
import io.identity.command.auth.RefreshTokens;
import io.identity.command.auth.Throttle;
import io.identity.command.company.CompanyMembers;
import io.identity.command.company.InvitationIndex;
import io.identity.command.mail.Outbox;
import io.identity.command.session.Sessions;
import io.identity.command.web.Commands;
import io.identity.support.auth.Operators;
import io.identity.command.web.Responses;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Closing an account (§5): deactivation keeps the data, erasure destroys it for good. */
@RestController
class AccountController {

    private final CurrentPassword currentPassword;
    private final CompanyMembers companies;
    private final Commands commands;
    private final CommandGateway gateway;
    private final Sessions sessions;
    private final RefreshTokens refreshTokens;
    private final List<Throttle> throttles;
    private final Outbox outbox;
    private final PersonalDataKeys keys;
    private final Operators operators;
    private final Accounts accounts;
    private final InvitationIndex invitations;
    private final CheckedAggregateCache aggregates;

    AccountController(CurrentPassword currentPassword, CompanyMembers companies, Commands commands,
                      CommandGateway gateway, Sessions sessions, RefreshTokens refreshTokens, List<Throttle> throttles,
                      Outbox outbox, PersonalDataKeys keys, Operators operators, Accounts accounts,
                      InvitationIndex invitations, CheckedAggregateCache aggregates) {
        this.invitations = invitations;
        this.aggregates = aggregates;
        this.operators = operators;
        this.accounts = accounts;
        this.currentPassword = currentPassword;
        this.companies = companies;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.throttles = List.copyOf(throttles);
        this.outbox = outbox;
        this.keys = keys;
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
            requireNotSoleOwner(account.userId());
            gateway.sendAndWait(new DeactivateUser(account.userId()));
            sessions.endAll(account.userId(), null, SessionEndReason.ACCOUNT_CLOSED);
            return null;
        }));
    }

    /**
     * Erasure: the events stay (the history of companies and the audit need their facts) but the person's data
     * key is deleted last, after every event of this request is stored, so all their personal fields read back
     * erased; the command side's own rows about them go, and the query side purges its rows on {@code UserErased}.
     */
    @PostMapping("/api/v1/users/me/erase")
    ResponseEntity<Void> erase(Caller caller, @RequestBody Confirmation confirmation) {
        var account = currentPassword.check(caller, confirmation.currentPassword());
        return Responses.noContent(erase(account.userId()));
    }

    /** The same erasure, done by an operator on a data-protection request. */
    @PostMapping("/api/v1/admin/users/{userId}/erase")
    ResponseEntity<Void> eraseAsOperator(Caller caller, @PathVariable UUID userId) {
        operators.require(caller);
        if (accounts.byId(userId).isEmpty()) {
            throw IdentityException.notFound();
        }
        return Responses.noContent(erase(userId));
    }

    private Commands.Stored<Object> erase(UUID userId) {
        // the invitations they accepted, and every invitation to the address they proved theirs
        var shredded = new LinkedHashSet<>(invitations.acceptedBy(userId));
        accounts.byId(userId).filter(Account::emailVerified)
                .ifPresent(account -> shredded.addAll(invitations.sentTo(account.email())));
        return commands.run(() -> {
            requireNotSoleOwner(userId);
            sessions.endAll(userId, null, SessionEndReason.ACCOUNT_CLOSED);
            gateway.sendAndWait(new EraseUser(userId, List.copyOf(shredded)));
            refreshTokens.forgetUser(userId);
            throttles.forEach(throttle -> throttle.forget("user:" + userId));
            outbox.forget(userId);
            keys.erase(userId);
            // kept aggregates hold data in clear, as snapshots do: the User, and a Company's invitations to their
            // address; erasures are rare, so every kept aggregate goes
            aggregates.removeAll();
            // the invitations sent to their address are theirs too: shredded with them, mails and all
            for (var invitation : shredded) {
                outbox.forget(invitation);
                keys.erase(invitation);
            }
            invitations.shredded(List.copyOf(shredded));
            return null;
        });
    }

    /** Nobody leaves a company without an active OWNER: ownership is handed on first. */
    private void requireNotSoleOwner(UUID userId) {
        if (!companies.soleOwnerships(userId).isEmpty()) {
            throw new IdentityException(ErrorCode.LAST_OWNER,
                    "You are the only owner of a company: make someone else an owner first.");
        }
    }
}
