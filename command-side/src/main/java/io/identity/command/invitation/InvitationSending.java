package io.identity.command.invitation;

import io.identity.command.handling.Commands;
import io.identity.command.kernel.IdentitySettings;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.events.company.CompanyRole;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Inviting, resending and revoking (§7). The link's token goes only to the invitee's mailbox, through the outbox:
 * never into an answer, a log or an event, so that holding it proves control of that mailbox. Only its hash is
 * stored. Who may invite, resend and revoke is the Company's decision.
 */
@Component
class InvitationSending {

    private final Commands commands;
    private final InvitationFlows flows;
    private final Accounts accounts;
    private final InvitationMail mail;
    private final String publicUrl;

    InvitationSending(
            Commands commands,
            InvitationFlows flows,
            Accounts accounts,
            InvitationMail mail,
            IdentitySettings settings) {
        this.commands = commands;
        this.flows = flows;
        this.accounts = accounts;
        this.mail = mail;
        this.publicUrl = settings.publicUrl();
    }

    /** No link: the inviter must not be able to accept in the invitee's name. */
    record Issued(UUID invitationId, Instant expiresAt) {}

    /** Invites the address, with the company's default role when {@code role} is null. */
    Commands.Stored<Issued> invite(UUID companyId, UUID inviterId, String email, CompanyRole role) {
        var invitee = accounts.byLogin(null, email).map(Account::userId).orElse(null);
        var invitationId = UUID.randomUUID();
        var token = OpaqueTokens.generate();
        return commands.run(() -> {
            var sent =
                    flows.invite(companyId, inviterId, invitationId, email, role, invitee, OpaqueTokens.hashHex(token));
            mail.invitation(inviterId, invitationId, sent, link(token));
            return new Issued(invitationId, sent.expiresAt());
        });
    }

    /** A new link, and a new expiry; the old link stops working. */
    Commands.Stored<Instant> resend(UUID invitationId, UUID actorId) {
        var token = OpaqueTokens.generate();
        return commands.run(() -> {
            var sent = flows.resend(invitationId, actorId, OpaqueTokens.hashHex(token));
            mail.invitation(actorId, invitationId, sent, link(token));
            return sent.expiresAt();
        });
    }

    Commands.Stored<Object> revoke(UUID invitationId, UUID actorId) {
        return commands.run(() -> {
            flows.revoke(invitationId, actorId);
            return null;
        });
    }

    private String link(String token) {
        return publicUrl + "/invitations/" + token;
    }
}
