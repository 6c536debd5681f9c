package io.identity.command.recovery;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.credential.PasswordPolicy;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.oauth.ExternalIdentities;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.Accounts;
import io.identity.command.user.ResetPassword;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.events.session.SessionEndReason;
import io.identity.support.problem.IdentityException;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset by emailed link (§4): request it, then confirm it with a new password; every session ends, and
 * a mail says the password was reset and lists the providers whose accounts still sign the user in: someone who
 * took the account over through one of them would not be shut out by the new password alone.
 */
@RestController
class PasswordResetController {

    static final String DONE_TEMPLATE = "password-was-reset";

    private final ResetRequests requests;
    private final RecoveryLookups lookups;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;
    private final ExternalIdentities identities;
    private final Outbox outbox;

    PasswordResetController(
            ResetRequests requests,
            RecoveryLookups lookups,
            Accounts accounts,
            PasswordPolicy policy,
            PasswordHasher hasher,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions,
            ExternalIdentities identities,
            Outbox outbox) {
        this.requests = requests;
        this.lookups = lookups;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
        this.identities = identities;
        this.outbox = outbox;
    }

    record ResetRequest(String email) {}

    record Confirmation(String token, String newPassword) {
        @Override
        public String toString() {
            return "Confirmation[]";
        }
    }

    /** The same answer, in the same time, for every well-formed address: existence is never revealed. */
    @PostMapping("/api/v1/password-reset")
    ResponseEntity<Void> request(
            @RequestBody ResetRequest request,
            @RequestHeader(name = "Accept-Language", required = false) String language) {
        var input = new FieldValidation();
        var email = input.email("email", request.email());
        input.check();
        requests.submit(email, language);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/v1/password-reset/confirm")
    ResponseEntity<Void> confirm(
            @RequestBody Confirmation confirmation,
            @RequestHeader(name = "Accept-Language", required = false) String language) {
        if (confirmation.token() == null || confirmation.token().isBlank()) {
            throw IdentityException.spentLink();
        }
        var tokenHash = OpaqueTokens.hashHex(confirmation.token());
        var userId = lookups.userForResetToken(tokenHash).orElseThrow(IdentityException::spentLink);
        var account = accounts.byId(userId).orElseThrow(IdentityException::spentLink);
        PasswordRules.check(policy, "newPassword", confirmation.newPassword(), account);
        var hash = hasher.hash(confirmation.newPassword());
        var stored = commands.run(() -> {
            gateway.sendAndWait(new ResetPassword(userId, tokenHash, hash));
            sessions.endAll(userId, null, SessionEndReason.PASSWORD_CHANGED);
            outbox.enqueue(new Mail(
                    account.email(),
                    DONE_TEMPLATE,
                    MailLocales.forUser(account.locale(), language),
                    userId,
                    Map.of("name", account.username(), "providers", String.join(", ", identities.providersOf(userId))),
                    Map.of()));
            return null;
        });
        return Responses.noContent(stored);
    }
}
