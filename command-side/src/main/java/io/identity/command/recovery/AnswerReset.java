package io.identity.command.recovery;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.credential.PasswordPolicy;
import io.identity.command.credential.Throttle;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.Accounts;
import io.identity.command.user.ResetPasswordWithAnswers;
import io.identity.events.session.SessionEndReason;
import io.identity.events.user.SecurityQuestion;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A password reset by security answers. Unknown and not-enrolled logins get stable decoy questions and fail the same
 * way, in the same time: every answer is checked even after a wrong one, and unknown logins check decoys. Wrong
 * answers count in their own throttle ({@code security-answers}).
 */
@Component
class AnswerReset {

    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final RecoveryLookups lookups;
    private final DecoyQuestions decoys;
    private final Throttle throttle;
    private final Commands commands;
    private final CommandGateway gateway;
    private final SessionTerminator sessions;
    private final Clock clock;

    AnswerReset(
            Accounts accounts,
            PasswordHasher hasher,
            PasswordPolicy policy,
            RecoveryLookups lookups,
            DecoyQuestions decoys,
            Throttle answerThrottle,
            Commands commands,
            CommandGateway gateway,
            SessionTerminator sessions,
            Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.lookups = lookups;
        this.decoys = decoys;
        this.throttle = answerThrottle;
        this.commands = commands;
        this.gateway = gateway;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The login's questions, or decoys that stay the same for it. */
    List<String> questions(String login) {
        var loginKey = loginKey(login);
        var enrolled = accounts.byLoginKey(loginKey)
                .map(a -> lookups.questionsOf(a.userId()))
                .orElse(List.of());
        return enrolled.isEmpty()
                ? decoys.forLogin(loginKey)
                : enrolled.stream().map(SecurityQuestion::question).toList();
    }

    /** Sets the new password when every answer matches, and ends every session of the account. */
    Commands.Stored<Object> reset(String login, List<String> answers, String newPassword) {
        var loginKey = loginKey(login);
        var account = accounts.byLoginKey(loginKey);
        var subject = account.map(a -> "user:" + a.userId()).orElseGet(() -> "name:" + OpaqueTokens.hashHex(loginKey));
        var attempt = throttle.begin(subject);
        if (!attempt.allowed()) {
            throw attempt.refusal(clock.instant());
        }
        var enrolled = account.map(a -> lookups.questionsOf(a.userId())).orElse(List.of());
        if (!allMatch(enrolled, answers)) {
            throw new IdentityException(
                    ErrorCode.INVALID_CREDENTIALS, HttpStatus.BAD_REQUEST, "The answers do not match.");
        }
        throttle.succeeded(subject);
        var user = account.orElseThrow();
        PasswordRules.check(policy, "newPassword", newPassword, user);
        var hash = hasher.hash(newPassword);
        return commands.run(() -> {
            gateway.sendAndWait(new ResetPasswordWithAnswers(user.userId(), hash));
            sessions.endAll(user.userId(), null, SessionEndReason.PASSWORD_CHANGED);
            return null;
        });
    }

    private boolean allMatch(List<SecurityQuestion> enrolled, List<String> answers) {
        var given = answers == null ? List.<String>of() : answers;
        var checks = Math.max(enrolled.size(), DecoyQuestions.COUNT);
        var matches = !enrolled.isEmpty() && given.size() == enrolled.size();
        for (int i = 0; i < checks; i++) {
            var answer = i < given.size() && given.get(i) != null ? given.get(i) : "";
            if (i < enrolled.size()) {
                matches &= hasher.matches(
                        AnswerForm.normalize(answer), enrolled.get(i).answerHash());
            } else {
                hasher.burn(answer);
            }
        }
        return matches;
    }

    private static String loginKey(String login) {
        var key = Accounts.loginKey(login);
        if (key.isEmpty()) {
            throw IdentityException.validation(List.of(new FieldViolation("login", "is required")));
        }
        return key;
    }
}
