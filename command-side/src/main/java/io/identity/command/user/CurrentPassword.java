package io.identity.command.user;

import io.identity.command.credential.PasswordChecks;
import io.identity.command.session.LiveSessions;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The check before a sensitive change (password, email, security questions, deactivation, erasure, linking): the
 * caller's current password. A wrong one is {@code 400 invalid_credentials}, and counts in the account's sign-in
 * throttle: after five in a row every password check of the account answers {@code 429 too_many_attempts}. An
 * account made through an OpenID Connect provider has no password: for it, a session begun within {@code identity.oauth.recent-sign-in}
 * (a fresh sign-in through the provider) stands in for one, whatever {@code currentPassword} says.
 */
@Component
public class CurrentPassword {

    private final Accounts accounts;
    private final PasswordChecks checks;
    private final LiveSessions sessions;
    private final Clock clock;
    private final Duration recentSignIn;

    CurrentPassword(
            Accounts accounts,
            PasswordChecks checks,
            LiveSessions sessions,
            Clock clock,
            RecentSignInSettings settings) {
        this.accounts = accounts;
        this.checks = checks;
        this.sessions = sessions;
        this.clock = clock;
        this.recentSignIn = settings.recentSignIn();
    }

    /** The caller's account, when the password they gave is its current one (or it has none and they just signed in). */
    public Account check(Caller caller, String currentPassword) {
        var account = accounts.byId(caller.userId()).orElseThrow(IdentityException::unauthenticated);
        if (account.passwordHash() == null) {
            var started = caller.sessionId() == null
                    ? null
                    : sessions.startOfLive(caller.sessionId(), caller.userId()).orElse(null);
            if (started == null || started.isBefore(clock.instant().minus(recentSignIn))) {
                throw new IdentityException(
                        ErrorCode.INVALID_CREDENTIALS,
                        HttpStatus.BAD_REQUEST,
                        "The account has no password: sign in through your provider again, then retry within "
                                + recentSignIn.toMinutes() + " minutes; or set a password with a reset link.");
            }
            return account;
        }
        if (!checks.confirms(account.userId(), currentPassword, account.passwordHash())) {
            throw new IdentityException(
                    ErrorCode.INVALID_CREDENTIALS, HttpStatus.BAD_REQUEST, "The current password is wrong.");
        }
        return account;
    }
}
