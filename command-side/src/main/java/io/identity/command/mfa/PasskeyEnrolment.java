package io.identity.command.mfa;

import io.identity.command.handling.Commands;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Adding and removing passkeys (§13). Adding takes two steps: the options for the browser, behind the current
 * password, with a challenge kept server-side (any instance may take the answer); then the browser's answer, checked
 * against that challenge once ({@link RelyingParty}), whose public key is kept ({@link PasskeyStore}) as the
 * person's {@link SecondFactors} record it. Removing asks the current password again. Each change mails the person.
 */
@Service
class PasskeyEnrolment {

    static final int MAX_NAME = 64;

    private final CurrentPassword currentPassword;
    private final PasskeyStore store;
    private final RelyingParty relyingParty;
    private final Commands commands;
    private final Accounts accounts;
    private final SecondFactorNotice notice;
    private final Clock clock;

    PasskeyEnrolment(
            CurrentPassword currentPassword,
            PasskeyStore store,
            RelyingParty relyingParty,
            Commands commands,
            Accounts accounts,
            SecondFactorNotice notice,
            Clock clock) {
        this.currentPassword = currentPassword;
        this.store = store;
        this.relyingParty = relyingParty;
        this.commands = commands;
        this.accounts = accounts;
        this.notice = notice;
        this.clock = clock;
    }

    private static String key(UUID userId) {
        return "registration\n" + userId;
    }

    /** PublicKeyCredentialCreationOptionsJSON for a new passkey of the caller; an earlier challenge is void. */
    Map<String, Object> options(Caller caller, String password) {
        var account = currentPassword.check(caller, password);
        var userId = account.userId();
        var challenge = store.challenge(key(userId), userId, clock.instant());
        return relyingParty.creationOptions(userId, account.username(), challenge, store.of(userId));
    }

    /** The browser's RegistrationResponseJSON to those options: the passkey is the caller's from now on. */
    Commands.Stored<String> register(Caller caller, String name, JsonNode credential) {
        var violations = new ArrayList<FieldViolation>();
        var given = name == null ? "" : name.strip();
        if (given.isEmpty() || given.length() > MAX_NAME || given.chars().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation("name", "give the passkey a name of 1 to " + MAX_NAME + " characters"));
        }
        if (credential == null || !credential.isObject()) {
            violations.add(new FieldViolation("credential", "the browser's RegistrationResponseJSON is required"));
        }
        if (!violations.isEmpty()) {
            throw IdentityException.validation(violations);
        }
        var userId = caller.userId();
        var account = accounts.byId(userId).orElseThrow(IdentityException::unauthenticated);
        var passkey = store.take(key(userId))
                .flatMap(challenge -> relyingParty.verifyRegistration(credential.toString(), challenge))
                .orElseThrow(() -> IdentityException.badRequest(
                        ErrorCode.INVALID_CREDENTIALS,
                        "The passkey could not be verified: ask for new options and try again."));
        RequestContext.actor(userId);
        return commands.run(() -> {
            if (!store.add(userId, passkey)) {
                throw new IdentityException(ErrorCode.CONFLICT, "This passkey is registered already.");
            }
            commands.send(new RegisterPasskey(userId, passkey.credentialId(), given, passkey.aaguid()));
            notice.send(account, SecondFactorNotice.Change.PASSKEY_ADDED);
            return passkey.credentialId();
        });
    }

    Commands.Stored<Object> remove(Caller caller, String credentialId, String password) {
        var account = currentPassword.check(caller, password);
        var userId = account.userId();
        store.find(credentialId)
                .filter(passkey -> passkey.userId().equals(userId))
                .orElseThrow(IdentityException::notFound);
        RequestContext.actor(userId);
        return commands.run(() -> {
            store.remove(userId, credentialId);
            commands.send(new RemovePasskey(userId, credentialId));
            notice.send(account, SecondFactorNotice.Change.PASSKEY_REMOVED);
            return null;
        });
    }
}
