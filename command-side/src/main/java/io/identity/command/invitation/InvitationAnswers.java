package io.identity.command.invitation;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.user.Accounts;
import io.identity.command.user.NewAccounts;
import io.identity.command.web.FieldValidation;
import io.identity.events.user.RegistrationMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answering an invitation by its link (§7): a member accepts with their verified address, a newcomer registers with
 * the invited one (the link proves the mailbox, so the address is verified), anyone holding the link declines. An
 * unknown, replaced or spent link finds nothing, whatever was sent.
 */
@Component
class InvitationAnswers {

    private final Commands commands;
    private final InvitationFlows flows;
    private final InvitationLookup lookup;
    private final Accounts accounts;
    private final NewAccounts newAccounts;
    private final InvitationMail mail;

    InvitationAnswers(
            Commands commands,
            InvitationFlows flows,
            InvitationLookup lookup,
            Accounts accounts,
            NewAccounts newAccounts,
            InvitationMail mail) {
        this.commands = commands;
        this.flows = flows;
        this.lookup = lookup;
        this.accounts = accounts;
        this.newAccounts = newAccounts;
        this.mail = mail;
    }

    record Joined(UUID userId, UUID companyId) {}

    /** The caller joins; their verified address must be the invited one. Answers the company joined. */
    Commands.Stored<UUID> accept(String token, UUID userId) {
        var tokenHash = hashOf(token);
        var link = lookup.link(tokenHash).orElseThrow(IdentityException::notFound);
        var account = accounts.byId(userId).orElseThrow(IdentityException::unauthenticated);
        var verified = account.emailVerified() ? account.email() : null;
        return commands.run(() -> {
            var answered = flows.accept(link.invitationId(), tokenHash, userId, verified);
            mail.answer(answered, "invitation-accepted", link.invitationId(), userId);
            return answered.companyId();
        });
    }

    /**
     * A newcomer accepts: the invited address becomes a new account, verified by the link itself, and joins. One
     * transaction: if the invitation cannot be accepted, no account is made either.
     */
    Commands.Stored<Joined> join(String token, String username, String password, String displayName) {
        var tokenHash = hashOf(token);
        var link = lookup.link(tokenHash).orElseThrow(IdentityException::notFound);
        if (link.email().isEmpty()) {
            throw new IdentityException(ErrorCode.INVITATION_NOT_PENDING, ErrorCode.INVITATION_NOT_PENDING.title());
        }
        var account = newAccounts.check(new FieldValidation(), username, link.email(), password, displayName);
        RequestContext.actor(account.userId());
        try {
            return commands.run(() -> {
                newAccounts.register(account, RegistrationMethod.INVITATION);
                newAccounts.confirmEmail(account);
                var answered = flows.accept(link.invitationId(), tokenHash, account.userId(), account.email());
                mail.answer(answered, "invitation-accepted", link.invitationId(), account.userId());
                return new Joined(account.userId(), link.companyId());
            });
        } catch (RuntimeException e) {
            throw NewAccounts.translate(e);
        }
    }

    /** Declining needs the link alone. */
    Commands.Stored<Object> decline(String token) {
        var tokenHash = hashOf(token);
        var link = lookup.link(tokenHash).orElseThrow(IdentityException::notFound);
        return commands.run(() -> {
            var answered = flows.decline(link.invitationId(), tokenHash);
            mail.answer(answered, "invitation-declined", link.invitationId());
            return null;
        });
    }

    private static String hashOf(String token) {
        if (token == null || token.isBlank()) {
            throw IdentityException.notFound();
        }
        return OpaqueTokens.hashHex(token);
    }
}
