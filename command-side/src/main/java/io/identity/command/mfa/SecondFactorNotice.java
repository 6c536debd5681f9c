package io.identity.command.mfa;

import io.identity.command.mail.Mail;
import io.identity.command.mail.MailLocales;
import io.identity.command.mail.Outbox;
import io.identity.command.user.Account;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The mail that tells a person their second factors changed (§13): one was added or removed, new recovery codes
 * were made, a recovery code was used. Queued in the change's transaction; whoever made the change, the owner of
 * the address hears of it. An account without an address gets none.
 */
@Component
class SecondFactorNotice {

    static final String TEMPLATE = "second-factor-changed";

    /** What changed: the last part of the mail's message keys. */
    enum Change {
        TOTP_ENABLED("totp-enabled"),
        TOTP_DISABLED("totp-disabled"),
        RECOVERY_CODES("recovery-codes"),
        RECOVERY_CODE_USED("recovery-code-used"),
        PASSKEY_ADDED("passkey-added"),
        PASSKEY_REMOVED("passkey-removed");

        final String key;

        Change(String key) {
            this.key = key;
        }
    }

    private final Outbox outbox;

    SecondFactorNotice(Outbox outbox) {
        this.outbox = outbox;
    }

    void send(Account account, Change change) {
        if (account.email() == null) {
            return;
        }
        outbox.enqueue(new Mail(
                account.email(),
                TEMPLATE,
                MailLocales.forUser(account.locale(), null),
                account.userId(),
                Map.of("name", account.username(), "change", change.key),
                Map.of()));
    }
}
