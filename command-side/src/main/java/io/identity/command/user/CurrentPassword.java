package io.identity.command.user;

import io.identity.command.auth.PasswordHasher;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The check before a sensitive change (password, email, security questions, deactivation, erasure): the
 * caller's current password. A wrong one is {@code 400 invalid_credentials}.
 */
@Component
public class CurrentPassword {

    private final Accounts accounts;
    private final PasswordHasher hasher;

    CurrentPassword(Accounts accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    /** The caller's account, when the password they gave is its current one. */
    public Account check(Caller caller, String currentPassword) {
        var account = accounts.byId(caller.userId()).orElseThrow(IdentityException::unauthenticated);
        if (currentPassword == null || !hasher.matches(currentPassword, account.passwordHash())) {
            throw new IdentityException(ErrorCode.INVALID_CREDENTIALS, HttpStatus.BAD_REQUEST,
                    "The current password is wrong.");
        }
        return account;
    }
}
