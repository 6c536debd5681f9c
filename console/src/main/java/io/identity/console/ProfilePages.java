package io.identity.console;

import io.identity.console.Api.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account page: profile, settings and privacy, a new verification link, and the data export. */
@Controller
class ProfilePages {

    private final Api api;
    private final AccountPage account;

    ProfilePages(Api api, AccountPage account) {
        this.api = api;
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
