package io.identity.command.user;

import io.identity.command.mail.MailLocales;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/users/me/email}: a link goes to the new address; the account moves there when it is
 * confirmed through {@code POST /api/v1/email-verification}, if the address is still free then, and the old
 * address is told.
 */
@RestController
class EmailChangeController {

    private final CurrentPassword currentPassword;
    private final Accounts accounts;
    private final EmailVerifications verifications;

    EmailChangeController(CurrentPassword currentPassword, Accounts accounts, EmailVerifications verifications) {
        this.currentPassword = currentPassword;
        this.accounts = accounts;
        this.verifications = verifications;
    }

    record EmailChange(String newEmail, String currentPassword) {
        @Override
        public String toString() {
            return "EmailChange[]";
        }
    }

    @PostMapping("/api/v1/users/me/email")
    ResponseEntity<Void> change(
            Caller caller,
            @RequestBody EmailChange request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        var input = new FieldValidation();
        var newEmail = input.email("newEmail", request.newEmail());
        input.check();
        var account = currentPassword.check(caller, request.currentPassword());
        var owner = accounts.byLogin(null, newEmail);
        if (owner.isPresent() && !owner.get().userId().equals(account.userId())) {
            throw Uniqueness.taken(ErrorCode.EMAIL_TAKEN);
        }
        var stored = verifications.requestChange(account, newEmail, MailLocales.forUser(account.locale(), language));
        return Responses.of(HttpStatus.ACCEPTED, stored, null);
    }
}
