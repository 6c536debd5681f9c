package io.identity.command.recovery;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.credential.PasswordPolicy;
import io.identity.command.credential.Throttle;
import io.identity.command.handling.Commands;
import io.identity.command.kernel.EmailAddresses;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.session.SessionTerminator;
import io.identity.command.user.Account;
import io.identity.command.user.Accounts;
import io.identity.command.user.CurrentPassword;
import io.identity.command.user.ResetPasswordWithAnswers;
import io.identity.command.user.SetSecurityQuestions;
import io.identity.command.user.Usernames;
import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.events.session.SessionEndReason;
import io.identity.events.user.SecurityQuestion;
import io.identity.support.auth.Caller;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Security questions (§4), for users who opt in and where operators allow them. Email reset is the recommended
 * path (NIST SP 800-63B discourages knowledge-based recovery): answers are often guessable or findable.
 * Unknown and not-enrolled logins get stable decoy questions and fail the same way, in the same time.
 */
@RestController
class SecurityQuestionsController {

    private final RecoverySettings settings;
    private final CurrentPassword currentPassword;
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

    SecurityQuestionsController(
            RecoverySettings settings,
            CurrentPassword currentPassword,
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
        this.settings = settings;
        this.currentPassword = currentPassword;
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

    record QuestionAndAnswer(String question, String answer) {
        @Override
        public String toString() {
            return "QuestionAndAnswer[" + question + "]";
        }
    }

    record Enrolment(String currentPassword, List<QuestionAndAnswer> questions) {
        @Override
        public String toString() {
            return "Enrolment[]";
        }
    }

    record LoginRequest(String login) {}

    record Questions(List<String> questions) {}

    record Answers(String login, List<String> answers, String newPassword) {
        @Override
        public String toString() {
            return "Answers[]";
        }
    }

    @PutMapping("/api/v1/users/me/security-questions")
    ResponseEntity<Void> enrol(Caller caller, @RequestBody Enrolment enrolment) {
        requireEnabled();
        var account = currentPassword.check(caller, enrolment.currentPassword());
        var given = enrolment.questions() == null ? List.<QuestionAndAnswer>of() : enrolment.questions();
        var input = new FieldValidation();
        if (given.size() < 3 || given.size() > 5) {
            input.reject("questions", "must be 3 to 5 questions");
        }
        var questions = new ArrayList<SecurityQuestion>();
        var seen = new HashSet<String>();
        for (int i = 0; i < given.size(); i++) {
            var item = given.get(i) == null ? new QuestionAndAnswer(null, null) : given.get(i);
            var question = input.text("questions[" + i + "].question", item.question(), 1, 200);
            if (question != null && !seen.add(question.toLowerCase(java.util.Locale.ROOT))) {
                input.reject("questions[" + i + "].question", "must differ from the other questions");
            }
            if (item.answer() == null || item.answer().isBlank()) {
                input.reject("questions[" + i + "].answer", "is required");
            } else if (item.answer().length() > 200) {
                input.reject("questions[" + i + "].answer", "must have at most 200 characters");
            } else if (question != null) {
                questions.add(new SecurityQuestion(
                        question, hasher.hash(io.identity.command.recovery.Answers.normalize(item.answer()))));
            }
        }
        input.check();
        return Responses.noContent(commands.send(new SetSecurityQuestions(account.userId(), questions)));
    }

    @PostMapping("/api/v1/password-reset/questions")
    Questions questions(@RequestBody LoginRequest request) {
        requireEnabled();
        var login = normalizedLogin(request.login());
        var enrolled = find(login).map(a -> lookups.questionsOf(a.userId())).orElse(List.of());
        return new Questions(
                enrolled.isEmpty()
                        ? decoys.forLogin(login)
                        : enrolled.stream().map(SecurityQuestion::question).toList());
    }

    /** Every answer is checked even after a wrong one, and unknown logins check decoys: the time tells nothing. */
    @PostMapping("/api/v1/password-reset/answers")
    ResponseEntity<Void> answers(@RequestBody Answers request) {
        requireEnabled();
        var login = normalizedLogin(request.login());
        var account = find(login);
        var subject = account.map(a -> "user:" + a.userId()).orElseGet(() -> "name:" + OpaqueTokens.hashHex(login));
        var attempt = throttle.begin(subject);
        if (!attempt.allowed()) {
            throw attempt.refusal(clock.instant());
        }
        var enrolled = account.map(a -> lookups.questionsOf(a.userId())).orElse(List.of());
        if (!allMatch(enrolled, request.answers())) {
            throw new IdentityException(
                    ErrorCode.INVALID_CREDENTIALS, HttpStatus.BAD_REQUEST, "The answers do not match.");
        }
        throttle.succeeded(subject);
        var user = account.orElseThrow();
        PasswordRules.check(policy, "newPassword", request.newPassword(), user);
        var hash = hasher.hash(request.newPassword());
        var stored = commands.run(() -> {
            gateway.sendAndWait(new ResetPasswordWithAnswers(user.userId(), hash));
            sessions.endAll(user.userId(), null, SessionEndReason.PASSWORD_CHANGED);
            return null;
        });
        return Responses.noContent(stored);
    }

    private boolean allMatch(List<SecurityQuestion> enrolled, List<String> answers) {
        var given = answers == null ? List.<String>of() : answers;
        var checks = Math.max(enrolled.size(), DecoyQuestions.COUNT);
        var matches = !enrolled.isEmpty() && given.size() == enrolled.size();
        for (int i = 0; i < checks; i++) {
            var answer = i < given.size() && given.get(i) != null ? given.get(i) : "";
            if (i < enrolled.size()) {
                matches &= hasher.matches(
                        io.identity.command.recovery.Answers.normalize(answer),
                        enrolled.get(i).answerHash());
            } else {
                hasher.burn(answer);
            }
        }
        return matches;
    }

    private Optional<Account> find(String normalizedLogin) {
        if (normalizedLogin.isEmpty()) {
            return Optional.empty();
        }
        return normalizedLogin.contains("@")
                ? accounts.byLogin(null, normalizedLogin)
                : accounts.byLogin(normalizedLogin, null);
    }

    private static String normalizedLogin(String login) {
        if (login == null || login.isBlank()) {
            throw IdentityException.validation(
                    List.of(new io.identity.support.problem.FieldViolation("login", "is required")));
        }
        var trimmed = login.strip();
        return trimmed.contains("@") ? EmailAddresses.key(trimmed) : Usernames.normalize(trimmed);
    }

    private void requireEnabled() {
        if (!settings.questionsEnabled()) {
            throw IdentityException.notFound();
        }
    }
}
