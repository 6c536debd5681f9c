package io.identity.command.mfa;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.util.Base64UrlUtil;
import io.identity.command.auth.Authentication;
import io.identity.command.auth.TokenResponse;
import io.identity.command.credential.PasswordChecks;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.events.mfa.SecondFactor;
import io.identity.events.session.SignInMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Signing in with a passkey (§13): as the second factor after a right password (the options are for the person's
 * passkeys, their challenge tied to the sign-in's {@code mfaToken}), or alone, without a password (options for any
 * discoverable passkey, under a {@code challengeId}; the authenticator must verify the person, since nothing else
 * does). Each challenge works once, for 5 minutes; the counter must rise. A wrong assertion for a known passkey is
 * {@code 400 invalid_credentials} counted in its owner's throttle, as wrong codes are. Each sign-in is a
 * {@code SecondFactorUsed} with the passkey's id; the tokens' {@code amr} say {@code hwk} or {@code swk}
 * ({@link PasskeyStore.Passkey#amr}).
 */
@Service
class PasskeySignIn {

    private final PasskeyStore store;
    private final RelyingParty relyingParty;
    private final PasswordChecks checks;
    private final Accounts accounts;
    private final SecondFactorSignIn secondFactor;
    private final Authentication authentication;
    private final Commands commands;
    private final Clock clock;

    PasskeySignIn(
            PasskeyStore store,
            RelyingParty relyingParty,
            PasswordChecks checks,
            Accounts accounts,
            SecondFactorSignIn secondFactor,
            Authentication authentication,
            Commands commands,
            Clock clock) {
        this.store = store;
        this.relyingParty = relyingParty;
        this.checks = checks;
        this.accounts = accounts;
        this.secondFactor = secondFactor;
        this.authentication = authentication;
        this.commands = commands;
        this.clock = clock;
    }

    private static String secondFactorKey(String mfaToken) {
        return "mfa\n" + mfaToken;
    }

    private static String signInKey(String challengeId) {
        return "sign-in\n" + challengeId;
    }

    /** PublicKeyCredentialRequestOptionsJSON for the passkeys of the person whose password was right. */
    Map<String, Object> secondFactorOptions(String mfaToken) {
        var account = secondFactor.challenged(mfaToken);
        var passkeys = store.of(account.userId());
        if (passkeys.isEmpty()) {
            throw new IdentityException(ErrorCode.NOT_FOUND, "There is no passkey to sign in with.");
        }
        var challenge = store.challenge(secondFactorKey(mfaToken), account.userId(), clock.instant());
        return relyingParty.requestOptions(challenge, passkeys, "preferred");
    }

    /** The second factor: an AuthenticationResponseJSON to {@link #secondFactorOptions}. */
    Commands.Stored<TokenResponse> asSecondFactor(String mfaToken, JsonNode response) {
        var account = secondFactor.challenged(mfaToken);
        var userId = account.userId();
        var assertion = read(response);
        var passkey = assertion
                .flatMap(data -> store.find(Base64UrlUtil.encodeToString(data.getCredentialId())))
                .filter(found -> found.userId().equals(userId));
        var challenge = store.take(secondFactorKey(mfaToken));
        if (!checks.confirmsSecondFactor(
                userId,
                () -> passkey.isPresent()
                        && challenge.isPresent()
                        && verified(assertion.get(), challenge.get(), passkey.get(), false))) {
            throw wrongPasskey();
        }
        return secondFactor.finish(
                mfaToken,
                account,
                SecondFactor.WEBAUTHN,
                passkey.get().credentialId(),
                passkey.get().amr());
    }

    /** PublicKeyCredentialRequestOptionsJSON for any discoverable passkey, with the {@code challengeId} to answer. */
    Map<String, Object> options() {
        var challengeId = OpaqueTokens.generate();
        var challenge = store.challenge(signInKey(challengeId), null, clock.instant());
        var options = new LinkedHashMap<String, Object>();
        options.put("challengeId", challengeId);
        options.putAll(relyingParty.requestOptions(challenge, List.of(), "required"));
        return options;
    }

    /** A sign-in with the passkey alone: an AuthenticationResponseJSON to {@link #options()}. */
    Commands.Stored<TokenResponse> withoutPassword(String challengeId, JsonNode response) {
        var challenge = challengeId == null || challengeId.isBlank() || challengeId.length() > 100
                ? Optional.<byte[]>empty()
                : store.take(signInKey(challengeId));
        if (challenge.isEmpty()) {
            throw new IdentityException(ErrorCode.INVALID_TOKEN, "The sign-in expired or was finished already.");
        }
        var assertion = read(response);
        var passkey = assertion
                .flatMap(data -> store.find(Base64UrlUtil.encodeToString(data.getCredentialId())))
                .filter(found -> assertion.get().getUserHandle() == null
                        || Arrays.equals(assertion.get().getUserHandle(), RelyingParty.handleOf(found.userId())))
                .orElseThrow(PasskeySignIn::wrongPasskey);
        var owner = passkey.userId();
        var account = accounts.byId(owner).orElseThrow(PasskeySignIn::wrongPasskey);
        if (!checks.confirmsSecondFactor(owner, () -> verified(assertion.get(), challenge.get(), passkey, true))) {
            throw wrongPasskey();
        }
        return signIn(account, passkey);
    }

    private Commands.Stored<TokenResponse> signIn(Account account, PasskeyStore.Passkey passkey) {
        RequestContext.actor(account.userId());
        return commands.run(() -> {
            commands.send(new RecordSecondFactor(account.userId(), SecondFactor.WEBAUTHN, passkey.credentialId()));
            return authentication
                    .signIn(account, SignInMethod.PASSKEY, List.of(passkey.amr(), "user"))
                    .result();
        });
    }

    private Optional<AuthenticationData> read(JsonNode response) {
        return response == null || !response.isObject()
                ? Optional.empty()
                : relyingParty.readAssertion(response.toString());
    }

    /** Checked by webauthn4j, then the counter moved on: a replay or a counter gone back loses here. */
    private boolean verified(
            AuthenticationData assertion, byte[] challenge, PasskeyStore.Passkey passkey, boolean userVerified) {
        return relyingParty.verifyAssertion(assertion, challenge, passkey, userVerified)
                && store.used(
                        passkey,
                        assertion.getAuthenticatorData().getSignCount(),
                        assertion.getAuthenticatorData().isFlagBS());
    }

    static IdentityException wrongPasskey() {
        return IdentityException.badRequest(
                ErrorCode.INVALID_CREDENTIALS, "The passkey's answer is not valid: ask for new options and try again.");
    }
}
