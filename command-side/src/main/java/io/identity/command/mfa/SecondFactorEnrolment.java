package io.identity.command.mfa;

import io.identity.command.auth.SecondFactorGate;
import io.identity.command.credential.PasswordChecks;
import io.identity.command.handling.Commands;
import io.identity.command.mail.MailSettings;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Setting up and removing second factors (§13), each behind the current password: the authenticator app (a key,
 * pending until a first code of it confirms it, which also gives the recovery codes), its removal, and a new set
 * of recovery codes. Every change is an event of the person's {@link SecondFactors} and a mail to them.
 */
@Service
class SecondFactorEnrolment {

    private final CurrentPassword currentPassword;
    private final SecondFactorStore store;
    private final PasswordChecks checks;
    private final Commands commands;
    private final Accounts accounts;
    private final SecondFactorNotice notice;
    private final Clock clock;
    private final String issuer;
    private final SecondFactorGate gate;

    SecondFactorEnrolment(
            CurrentPassword currentPassword,
            SecondFactorStore store,
            PasswordChecks checks,
            Commands commands,
            Accounts accounts,
            SecondFactorNotice notice,
            Clock clock,
            MailSettings mail,
            SecondFactorGate gate) {
        this.gate = gate;
        this.currentPassword = currentPassword;
        this.store = store;
        this.checks = checks;
        this.commands = commands;
        this.accounts = accounts;
        this.notice = notice;
        this.clock = clock;
        this.issuer = mail.productName();
    }

    /** A new app key (pending), in base32 and as the {@code otpauth://} URI an app scans. */
    record TotpSetup(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "TotpSetup[]";
        }
    }

    TotpSetup startTotp(Caller caller, String password) {
        var account = currentPassword.check(caller, password);
        if (store.totp(account.userId())
                .filter(SecondFactorStore.TotpKey::confirmed)
                .isPresent()) {
            throw new IdentityException(ErrorCode.CONFLICT, "An authenticator app is set up already; remove it first.");
        }
        var secret = Totp.newSecret();
        store.pendingTotp(account.userId(), secret);
        return new TotpSetup(Totp.base32(secret), Totp.uri(issuer, account.username(), secret));
    }

    /** The pending key's first code: the app is on, and here are the recovery codes, shown this once. */
    Commands.Stored<List<String>> confirmTotp(Caller caller, String code) {
        var userId = caller.userId();
        var pending = store.totp(userId)
                .filter(key -> !key.confirmed())
                .orElseThrow(() -> new IdentityException(
                        ErrorCode.NOT_FOUND, "No authenticator app is waiting for its first code: start again."));
        var step = new long[1];
        if (!checks.confirmsSecondFactor(userId, () -> {
            var matched = Totp.step(pending.secret(), code, clock.instant(), pending.lastStep());
            matched.ifPresent(found -> step[0] = found);
            return matched.isPresent();
        })) {
            throw wrongCode();
        }
        RequestContext.actor(userId);
        var account = accounts.byId(userId).orElseThrow(IdentityException::unauthenticated);
        return commands.run(() -> {
            if (!store.spend(userId, step[0], true)) {
                throw wrongCode();
            }
            commands.send(new EnableTotp(userId));
            notice.send(account, SecondFactorNotice.Change.TOTP_ENABLED);
            return newRecoveryCodes(userId);
        });
    }

    Commands.Stored<Object> removeTotp(Caller caller, String password) {
        var account = currentPassword.check(caller, password);
        if (store.totp(account.userId())
                .filter(SecondFactorStore.TotpKey::confirmed)
                .isEmpty()) {
            throw IdentityException.notFound();
        }
        RequestContext.actor(account.userId());
        return commands.run(() -> {
            store.removeTotp(account.userId());
            commands.send(new DisableTotp(account.userId()));
            notice.send(account, SecondFactorNotice.Change.TOTP_DISABLED);
            return null;
        });
    }

    /** A new set of recovery codes, the earlier set void; only beside a factor they stand in for. */
    Commands.Stored<List<String>> regenerateRecoveryCodes(Caller caller, String password) {
        var account = currentPassword.check(caller, password);
        if (gate.factorsOf(account.userId()).isEmpty()) {
            throw new IdentityException(
                    ErrorCode.CONFLICT, "Recovery codes stand in for a second factor: set one up first.");
        }
        RequestContext.actor(account.userId());
        return commands.run(() -> {
            notice.send(account, SecondFactorNotice.Change.RECOVERY_CODES);
            return newRecoveryCodes(account.userId());
        });
    }

    private List<String> newRecoveryCodes(UUID userId) {
        var codes = RecoveryCodes.generate();
        store.replaceRecoveryCodes(userId, codes);
        commands.send(new GenerateRecoveryCodes(userId, codes.size()));
        return codes;
    }

    static IdentityException wrongCode() {
        return IdentityException.badRequest(ErrorCode.INVALID_CREDENTIALS, "The code is wrong or was used already.");
    }
}
