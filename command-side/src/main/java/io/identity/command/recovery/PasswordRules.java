package io.identity.command.recovery;

import io.identity.command.credential.PasswordPolicy;
import io.identity.command.user.Account;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;

/** The password policy applied to a new password of an existing account. */
final class PasswordRules {

    private PasswordRules() {}

    static void check(PasswordPolicy policy, String field, String password, Account account) {
        var broken = policy.check(field, password, account.username(), account.email());
        if (!broken.isEmpty()) {
            throw new IdentityException(ErrorCode.WEAK_PASSWORD, ErrorCode.WEAK_PASSWORD.title(), broken, null);
        }
    }
}
