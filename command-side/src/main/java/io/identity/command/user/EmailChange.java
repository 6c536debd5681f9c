package io.identity.command.user;

import io.identity.command.handling.Commands;
import io.identity.command.mail.MailLocales;
import io.identity.command.web.FieldValidation;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * A signed-in person asks to move their account to a new address, with their current password: a link goes to the
 * new address ({@link EmailVerifications#requestChange}); an address another account holds is refused at once.
 */
@Component
class EmailChange {

    private final CurrentPassword currentPassword;
    private final Accounts accounts;
    private final EmailVerifications verifications;

    EmailChange(CurrentPassword currentPassword, Accounts accounts, EmailVerifications verifications) {
        this.currentPassword = currentPassword;
        this.accounts = accounts;
        this.verifications = verifications;
    }

    Commands.Stored<Void> request(Caller caller, String password, String newEmail, String language) {
        var fields = new FieldValidation();
        var email = fields.email("newEmail", newEmail);
        fields.check();
        var account = currentPassword.check(caller, password);
        var owner = accounts.byLogin(null, email);
        if (owner.isPresent() && !owner.get().userId().equals(account.userId())) {
            throw Uniqueness.taken(ErrorCode.EMAIL_TAKEN);
        }
        return verifications.requestChange(account, email, MailLocales.forUser(account.locale(), language));
    }
}
