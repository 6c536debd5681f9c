package io.identity.command.mfa;

import io.identity.command.auth.Authentication;
import io.identity.command.auth.TokenResponse;
import io.identity.command.credential.PasswordChecks;
import io.identity.command.handling.Commands;
import io.identity.command.session.StartSession;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.events.mfa.SecondFactor;
import io.identity.events.session.SignInMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The second step of a sign-in with a second factor (§13), {@code POST /api/v1/auth/mfa}: the token the right
 * password gave and one factor's proof. A wrong code is {@code 400 invalid_credentials}, counted in the account's
 * throttle with its passwords (the sixth in a row is {@code 429}); an authenticator code works once, a recovery
 * code works once. The session it starts says how it was signed in ({@code amr}: {@code pwd}, the factor's, and
 * {@code mfa}), and the token is spent.
 */
@Service
class SecondFactorSignIn {

    private final SecondFactorStore store;
    private final PasswordChecks checks;
    private final Accounts accounts;
    private final Authentication authentication;
    private final Commands commands;
    private final SecondFactorNotice notice;
    private final Clock clock;

    SecondFactorSignIn(
            SecondFactorStore store,
            PasswordChecks checks,
            Accounts accounts,
            Authentication authentication,
            Commands commands,
            SecondFactorNotice notice,
            Clock clock) {
        this.store = store;
        this.checks = checks;
        this.accounts = accounts;
        this.authentication = authentication;
        this.commands = commands;
        this.notice = notice;
        this.clock = clock;
    }

    /** The person the token carries, while it lasts: {@code 401 invalid_token} otherwise. */
    Account challenged(String mfaToken) {
        return store.challenged(mfaToken)
                .map(SecondFactorStore.Challenged::userId)
                .flatMap(accounts::byId)
                .filter(Account::active)
                .orElseThrow(() -> new IdentityException(
                        ErrorCode.INVALID_TOKEN, "The sign-in expired or was finished already: sign in again."));
    }

    Commands.Stored<TokenResponse> withTotp(String mfaToken, String code) {
        var account = challenged(mfaToken);
        var userId = account.userId();
        if (!checks.confirmsSecondFactor(
                userId,
                () -> store.totp(userId)
                        .filter(SecondFactorStore.TotpKey::confirmed)
                        .flatMap(key -> {
                            var matched = Totp.step(key.secret(), code, clock.instant(), key.lastStep());
                            return matched.isPresent() ? Optional.of(matched.getAsLong()) : Optional.<Long>empty();
                        })
                        .map(found -> store.spend(userId, found, false))
                        .orElse(false))) {
            throw SecondFactorEnrolment.wrongCode();
        }
        return finish(mfaToken, account, SecondFactor.TOTP, null, "otp");
    }

    Commands.Stored<TokenResponse> withRecoveryCode(String mfaToken, String code) {
        var account = challenged(mfaToken);
        var userId = account.userId();
        if (!checks.confirmsSecondFactor(userId, () -> store.spendRecoveryCode(userId, code))) {
            throw SecondFactorEnrolment.wrongCode();
        }
        RequestContext.actor(userId);
        commands.run(() -> {
            commands.send(new UseRecoveryCode(userId));
            notice.send(account, SecondFactorNotice.Change.RECOVERY_CODE_USED);
            return null;
        });
        return finish(mfaToken, account, SecondFactor.RECOVERY_CODE, null, "otp");
    }

    /**
     * Spends the token and opens the session; a token spent meanwhile (the same sign-in finished twice at once)
     * gets no session. The session is of the sign-in's first step (a password, or another provider's sign-in), and
     * says so with the factor's own {@code amr} and {@code mfa} (RFC 8176).
     */
    Commands.Stored<TokenResponse> finish(
            String mfaToken, Account account, SecondFactor factor, String credentialId, String factorAmr) {
        RequestContext.actor(account.userId());
        var first = store.challenged(mfaToken)
                .map(SecondFactorStore.Challenged::firstFactor)
                .orElse(SignInMethod.PASSWORD);
        var amr = new ArrayList<>(StartSession.amrOf(first));
        amr.add(factorAmr);
        amr.add("mfa");
        return commands.run(() -> {
            if (!store.spendChallenge(mfaToken)) {
                throw new IdentityException(
                        ErrorCode.INVALID_TOKEN, "The sign-in expired or was finished already: sign in again.");
            }
            commands.send(new RecordSecondFactor(account.userId(), factor, credentialId));
            return authentication.signIn(account, first, amr).result();
        });
    }
}
