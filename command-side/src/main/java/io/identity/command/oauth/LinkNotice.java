package io.identity.command.oauth;

import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.user.Account;
import java.util.Map;

/**
 * The mail that tells a person a provider account now signs them in (§3 v1.1), queued in the transaction of the
 * link: whoever linked it, the owner of the address hears of it and can undo it. An account without an address
 * gets none.
 */
class LinkNotice {

    static final String TEMPLATE = "identity-linked";

    private final Outbox outbox;

    LinkNotice(Outbox outbox) {
        this.outbox = outbox;
    }

    void send(Account account, String provider, String acceptLanguage) {
        if (account.email() == null) {
            return;
        }
        outbox.enqueue(new Mail(
                account.email(),
                TEMPLATE,
                MailLocales.forUser(account.locale(), acceptLanguage),
                account.userId(),
                Map.of("name", account.username(), "provider", provider),
                Map.of()));
    }
}
