package io.identity.command.recovery;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import io.identity.support.problem.IdentityException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Security questions (§4), for users who opt in and where operators allow them ({@code 404} where they do not).
 * Email reset is the recommended path (NIST SP 800-63B discourages knowledge-based recovery): answers are often
 * guessable or findable.
 */
@RestController
class SecurityQuestionsController {

    private final RecoverySettings settings;
    private final QuestionEnrolment enrolment;
    private final AnswerReset reset;

    SecurityQuestionsController(RecoverySettings settings, QuestionEnrolment enrolment, AnswerReset reset) {
        this.settings = settings;
        this.enrolment = enrolment;
        this.reset = reset;
    }

    record Enrolment(String currentPassword, List<QuestionEnrolment.QuestionAndAnswer> questions) {
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
    ResponseEntity<Void> enrol(Caller caller, @RequestBody Enrolment request) {
        requireEnabled();
        return Responses.noContent(enrolment.enrol(caller, request.currentPassword(), request.questions()));
    }

    @PostMapping("/api/v1/password-reset/questions")
    Questions questions(@RequestBody LoginRequest request) {
        requireEnabled();
        return new Questions(reset.questions(request.login()));
    }

    @PostMapping("/api/v1/password-reset/answers")
    ResponseEntity<Void> answers(@RequestBody Answers request) {
        requireEnabled();
        return Responses.noContent(reset.reset(request.login(), request.answers(), request.newPassword()));
    }

    private void requireEnabled() {
        if (!settings.questionsEnabled()) {
            throw IdentityException.notFound();
        }
    }
}
