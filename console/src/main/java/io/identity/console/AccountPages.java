package io.identity.console;

import io.identity.console.Api.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account console: profile, settings and privacy; password, address and security questions; sessions;
 * the security log; the companies; closing or erasing the account; the data export (linked provider accounts:
 * {@link IdentityPages}).
 * Every page reads from the query side (waiting for the browser's own last change) and writes to the command side.
 */
@Controller
class AccountPages {

    private final Api api;
    private final Pages pages;
    private final AccountPage account;

    AccountPages(Api api, Pages pages, AccountPage account) {
        this.api = api;
        this.pages = pages;
        this.account = account;
    }

    @GetMapping("/account")
    ResponseEntity<String> profile(Visit visit, @RequestParam(required = false) String done) {
        return account.page(visit, "account", Forms.done(done));
    }

    @PostMapping("/account/profile")
    ResponseEntity<String> saveProfile(Visit visit, @RequestParam Map<String, String> form) {
        var patch = new LinkedHashMap<String, Object>();
        for (var field : List.of("displayName", "firstName", "lastName", "phone", "bio", "avatarUrl")) {
            patch.put(field, Forms.blankToNull(form.get(field)));
        }
        return account.change(
                visit, "PATCH", "/api/v1/users/me/profile", patch, "/account?done=saved", "account", form);
    }

    @PostMapping("/account/settings")
    ResponseEntity<String> saveSettings(Visit visit, @RequestParam Map<String, String> form) {
        var patch = new LinkedHashMap<String, Object>();
        patch.put("locale", Forms.blankToNull(form.get("locale")));
        patch.put("timezone", Forms.blankToNull(form.get("timezone")));
        patch.put(
                "emailNotifications",
                Map.of("product", form.containsKey("product"), "companyActivity", form.containsKey("companyActivity")));
        return account.change(
                visit, "PATCH", "/api/v1/users/me/settings", patch, "/account?done=saved", "account", form);
    }

    /** A new verification link to the account's address (the newest link is the one that works). */
    @PostMapping("/account/verification")
    ResponseEntity<String> resendVerification(Visit visit) {
        return account.change(
                visit,
                "POST",
                "/api/v1/email-verification/resend",
                null,
                "/account?done=verification-sent",
                "account",
                Map.of());
    }

    @PostMapping("/account/privacy")
    ResponseEntity<String> savePrivacy(Visit visit, @RequestParam Map<String, String> form) {
        var patch = Map.of(
                "profileVisibility",
                form.getOrDefault("profileVisibility", "PUBLIC"),
                "showEmail",
                form.containsKey("showEmail"),
                "showPhone",
                form.containsKey("showPhone"));
        return account.change(
                visit, "PATCH", "/api/v1/users/me/privacy", patch, "/account?done=saved", "account", form);
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

    @GetMapping("/account/sessions")
    ResponseEntity<String> sessions(Visit visit, @RequestParam(required = false) String done) {
        var model = Forms.done(done);
        model.put("sessions", Forms.items(api.get(Side.QUERY, "/api/v1/users/me/sessions?limit=200", visit)));
        return account.page(visit, "sessions", model);
    }

    @PostMapping("/account/sessions/{sessionId}/end")
    ResponseEntity<String> endSession(Visit visit, @PathVariable String sessionId) {
        return account.change(
                visit,
                "DELETE",
                "/api/v1/sessions/" + Urls.encode(sessionId),
                null,
                "/account/sessions?done=session-ended",
                "sessions",
                Map.of());
    }

    @GetMapping("/account/log")
    ResponseEntity<String> log(Visit visit, @RequestParam(required = false) String cursor) {
        var answer = api.get(
                Side.QUERY,
                "/api/v1/users/me/audit?limit=25" + (cursor == null ? "" : "&cursor=" + Urls.encode(cursor)),
                visit);
        var model = new HashMap<String, Object>();
        model.put("entries", Forms.items(answer));
        model.put("next", answer.body().path("nextCursor").asString(null));
        return account.page(visit, "log", model);
    }

    @GetMapping("/account/companies")
    ResponseEntity<String> companies(Visit visit) {
        var model = new HashMap<String, Object>();
        model.put("companies", Forms.items(api.get(Side.QUERY, "/api/v1/users/me/companies?limit=200", visit)));
        return account.page(visit, "companies", model);
    }

    @PostMapping("/account/companies")
    ResponseEntity<String> createCompany(Visit visit, @RequestParam Map<String, String> form) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(
                "POST",
                "/api/v1/companies",
                Map.of("name", form.getOrDefault("name", ""), "description", form.getOrDefault("description", "")),
                visit);
        if (!answer.ok()) {
            var model = Forms.failed(answer, Forms.echo(form));
            model.put("companies", Forms.items(api.get(Side.QUERY, "/api/v1/users/me/companies?limit=200", visit)));
            return account.page(visit, "companies", model);
        }
        return Pages.redirect("/companies/" + answer.body().path("companyId").asString());
    }

    @GetMapping("/account/close")
    ResponseEntity<String> close(Visit visit) {
        return account.page(visit, "close", new HashMap<>());
    }

    @PostMapping("/account/deactivate")
    ResponseEntity<String> deactivate(Visit visit, @RequestParam(defaultValue = "") String currentPassword) {
        return closing(visit, "DELETE", "/api/v1/users/me", currentPassword, "closed.deactivated");
    }

    @PostMapping("/account/erase")
    ResponseEntity<String> erase(Visit visit, @RequestParam(defaultValue = "") String currentPassword) {
        return closing(visit, "POST", "/api/v1/users/me/erase", currentPassword, "closed.erased");
    }

    private ResponseEntity<String> closing(
            Visit visit, String method, String path, String currentPassword, String message) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(method, path, Map.of("currentPassword", currentPassword), visit);
        if (!answer.ok()) {
            return account.page(visit, "close", Forms.failed(answer, Map.of()));
        }
        visit.signOut();
        return pages.message(message, visit);
    }

    /** The data export, as the API gives it, downloaded. */
    @GetMapping("/account/export")
    ResponseEntity<String> export(Visit visit) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.download(Side.QUERY, "/api/v1/users/me/export", visit, "application/json");
        if (!answer.ok()) {
            return Pages.redirect("/login");
        }
        return Pages.download("application/json", answer.disposition(), answer.text());
    }
}
