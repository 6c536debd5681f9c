package io.identity.command.recovery;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.handling.Commands;
import io.identity.command.user.CurrentPassword;
import io.identity.command.user.SetSecurityQuestions;
import io.identity.command.web.FieldValidation;
import io.identity.events.user.SecurityQuestion;
import io.identity.support.auth.Caller;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** A signed-in person sets 3 to 5 security questions, with their current password; only the answers' hashes are kept. */
@Component
class QuestionEnrolment {

    private final CurrentPassword currentPassword;
    private final PasswordHasher hasher;
    private final Commands commands;

    QuestionEnrolment(CurrentPassword currentPassword, PasswordHasher hasher, Commands commands) {
        this.currentPassword = currentPassword;
        this.hasher = hasher;
        this.commands = commands;
    }

    record QuestionAndAnswer(String question, String answer) {
        @Override
        public String toString() {
            return "QuestionAndAnswer[" + question + "]";
        }
    }

    Commands.Stored<Object> enrol(Caller caller, String password, List<QuestionAndAnswer> given) {
        var account = currentPassword.check(caller, password);
        var items = given == null ? List.<QuestionAndAnswer>of() : given;
        var fields = new FieldValidation();
        if (items.size() < 3 || items.size() > 5) {
            fields.reject("questions", "must be 3 to 5 questions");
        }
        var questions = new ArrayList<SecurityQuestion>();
        var seen = new HashSet<String>();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i) == null ? new QuestionAndAnswer(null, null) : items.get(i);
            var question = fields.text("questions[" + i + "].question", item.question(), 1, 200);
            if (question != null && !seen.add(question.toLowerCase(Locale.ROOT))) {
                fields.reject("questions[" + i + "].question", "must differ from the other questions");
            }
            if (item.answer() == null || item.answer().isBlank()) {
                fields.reject("questions[" + i + "].answer", "is required");
            } else if (item.answer().length() > 200) {
                fields.reject("questions[" + i + "].answer", "must have at most 200 characters");
            } else if (question != null) {
                questions.add(new SecurityQuestion(question, hasher.hash(AnswerForm.normalize(item.answer()))));
            }
        }
        fields.check();
        return commands.send(new SetSecurityQuestions(account.userId(), questions));
    }
}
