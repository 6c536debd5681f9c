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
import io.identity.events.session.SessionEndReason;
import io.identity.support.problem.IdentityException;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The new password set with an emailed reset link: every session ends, and a mail says the password was reset and
 * lists the providers whose accounts still sign the user in: someone who took the account over through one of them
 * would not be shut out by the new password alone.
 */
@Component
class LinkReset {

    private final RecoveryLookups lookups;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;
    private final ExternalIdentities identities;
    private final Outbox outbox;

    LinkReset(
            RecoveryLookups lookups,
            Accounts accounts,
            PasswordPolicy policy,
            PasswordHasher hasher,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions,
            ExternalIdentities identities,
            Outbox outbox) {
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

    /** An unknown, replaced or spent link is refused alike ({@link IdentityException#spentLink()}). */
    Commands.Stored<Object> confirm(String token, String newPassword, String language) {
        if (token == null || token.isBlank()) {
            throw IdentityException.spentLink();
        }
        var tokenHash = OpaqueTokens.hashHex(token);
        var userId = lookups.userForResetToken(tokenHash).orElseThrow(IdentityException::spentLink);
        var account = accounts.byId(userId).orElseThrow(IdentityException::spentLink);
        PasswordRules.check(policy, "newPassword", newPassword, account);
        var hash = hasher.hash(newPassword);
        return commands.run(() -> {
            gateway.sendAndWait(new ResetPassword(userId, tokenHash, hash));
            sessions.endAll(userId, null, SessionEndReason.PASSWORD_CHANGED);
            outbox.enqueue(new Mail(
                    account.email(),
                    "password-was-reset",
                    MailLocales.forUser(account.locale(), language),
                    userId,
                    Map.of("name", account.username(), "providers", String.join(", ", identities.providersOf(userId))),
                    Map.of()));
            return null;
        });
    }
}
