package io.identity.command.user;

import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.sql.SQLException;

/**
 * Usernames and emails are unique by the indexes of {@code accounts}, written in the transaction of the events:
 * when another account won the race, the index that refused says which value was taken.
 */
final class Uniqueness {

    private Uniqueness() {}

    static IdentityException taken(ErrorCode code) {
        return new IdentityException(code, code.title());
    }

    /** The {@code 409} for a lost race on a unique value; any other failure as it was. */
    static RuntimeException translate(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                var message = String.valueOf(sql.getMessage());
                if (message.contains("accounts_email_key")) {
                    return taken(ErrorCode.EMAIL_TAKEN);
                }
                if (message.contains("accounts_username_key")) {
                    return taken(ErrorCode.USERNAME_TAKEN);
                }
            }
        }
        return e;
    }
}
