package io.identity.command.invitation;

import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The mails of an invitation's life, queued in the transaction of the change they tell of: the link to the invitee,
 * and the answer to the inviter. Each names the people it concerns, so that it goes with their erasure.
 */
@Component
class InvitationMail {

    private final Accounts accounts;
    private final Outbox outbox;

    InvitationMail(Accounts accounts, Outbox outbox) {
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** The link, to the invited address only, in the inviter's language when the invitee has none yet. */
    void invitation(UUID inviterId, UUID invitationId, InvitationFlows.Sent sent, String link) {
        var inviter = accounts.byId(inviterId);
        var locale = MailLocales.forUser(null, inviter.map(Account::locale).orElse(null));
        outbox.enqueue(new Mail(
                        sent.email(),
                        "invitation",
                        locale,
                        invitationId,
                        Map.of(
                                "inviter",
                                inviter.map(Account::username).orElse(""),
                                "company",
                                sent.companyName(),
                                "subject",
                                sent.companyName(),
                                "expiresAt",
                                sent.expiresAt().toString()),
                        Map.of("link", link))
                .mentioning(inviterId));
    }

    /**
     * The inviter hears of the answer, if they want mail about their companies' activity. The mail names the
     * invitee (the invitation's address, and their account when they joined).
     */
    void answer(InvitationFlows.Answered answered, String template, UUID... invitee) {
        accounts.byId(answered.inviterId())
                .filter(Account::notifyCompany)
                .ifPresent(inviter -> outbox.enqueue(new Mail(
                                inviter.email(),
                                template,
                                MailLocales.forUser(inviter.locale(), null),
                                inviter.userId(),
                                Map.of(
                                        "name",
                                        inviter.username(),
                                        "invitee",
                                        answered.email(),
                                        "company",
                                        answered.companyName(),
                                        "subject",
                                        answered.companyName()),
                                Map.of())
                        .mentioning(invitee)));
    }
}
