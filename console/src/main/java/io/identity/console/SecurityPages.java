package io.identity.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The security page: password, address and security questions, each confirmed with the current password. */
@Controller
class SecurityPages {

    private final AccountPage account;

    SecurityPages(AccountPage account) {
        this.account = account;
    }

    @GetMapping("/account/security")
    ResponseEntity<String> security(Visit visit, @RequestParam(required = false) String done) {
        return account.page(visit, "security", Forms.done(done));
    }

    @PostMapping("/account/password")
    ResponseEntity<String> changePassword(Visit visit, @RequestParam Map<String, String> form) {
        return account.change(
                visit,
                "POST",
                "/api/v1/users/me/password",
                Map.of(
                        "currentPassword", form.getOrDefault("currentPassword", ""),
                        "newPassword", form.getOrDefault("newPassword", "")),
                "/account/security?done=password-changed",
                "security",
                form);
    }

    @PostMapping("/account/email")
    ResponseEntity<String> changeEmail(Visit visit, @RequestParam Map<String, String> form) {
        return account.change(
                visit,
                "POST",
                "/api/v1/users/me/email",
                Map.of(
                        "newEmail", form.getOrDefault("newEmail", ""),
                        "currentPassword", form.getOrDefault("currentPassword", "")),
                "/account/security?done=email-sent",
                "security",
                form);
    }

    @PostMapping("/account/security-questions")
    ResponseEntity<String> setQuestions(
            Visit visit,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(name = "question", required = false) List<String> questions,
            @RequestParam(name = "answer", required = false) List<String> answers) {
        var pairs = new ArrayList<Map<String, String>>();
        for (int i = 0; questions != null && answers != null && i < Math.min(questions.size(), answers.size()); i++) {
            if (!questions.get(i).isBlank() || !answers.get(i).isBlank()) {
                pairs.add(Map.of("question", questions.get(i), "answer", answers.get(i)));
            }
        }
        return account.change(
                visit,
                "PUT",
                "/api/v1/users/me/security-questions",
                Map.of("currentPassword", currentPassword, "questions", pairs),
                "/account/security?done=questions-set",
                "security",
                Map.of());
    }
}
