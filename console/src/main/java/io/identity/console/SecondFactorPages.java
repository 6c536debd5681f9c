package io.identity.console;

import io.identity.console.Api.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Two-step sign-in in the account console (§13): the authenticator app set up (its QR code and key, then its first
 * code), removed, and the recovery codes, shown once when they are made. Each change asks for the current password.
 */
@Controller
class SecondFactorPages {

    static final String PAGE = "second-factors";

    private final Api api;
    private final AccountPage account;

    SecondFactorPages(Api api, AccountPage account) {
        this.api = api;
        this.account = account;
    }

    @GetMapping("/account/second-factors")
    ResponseEntity<String> page(Visit visit, @RequestParam(required = false) String done) {
        return render(visit, Forms.done(done));
    }

    private ResponseEntity<String> render(Visit visit, Map<String, Object> extra) {
        var model = new HashMap<String, Object>(extra);
        if (visit.signedIn()) {
            var mine = api.get(Side.QUERY, "/api/v1/users/me/mfa", visit);
            if (mine.ok()) {
                model.put(
                        "totpEnabled", mine.body().path("totp").path("enabled").asBoolean());
                model.put(
                        "recoveryCodesLeft",
                        mine.body().path("recoveryCodesLeft").asInt());
            }
        }
        return account.page(visit, PAGE, model);
    }

    @PostMapping("/account/second-factors/totp")
    ResponseEntity<String> start(Visit visit, @RequestParam(defaultValue = "") String currentPassword) {
        var answer = api.send("POST", "/api/v1/users/me/mfa/totp", Map.of("currentPassword", currentPassword), visit);
        if (!answer.ok()) {
            return refused(visit, answer);
        }
        var uri = answer.body().path("otpauthUri").asString();
        var model = new HashMap<String, Object>();
        model.put("setupSecret", answer.body().path("secret").asString());
        model.put("setupQr", QrCodes.svg(uri, "QR code"));
        return render(visit, model);
    }

    @PostMapping("/account/second-factors/totp/confirm")
    ResponseEntity<String> confirm(Visit visit, @RequestParam(defaultValue = "") String code) {
        var answer = api.send("POST", "/api/v1/users/me/mfa/totp/confirm", Map.of("code", code), visit);
        if (!answer.ok()) {
            return refused(visit, answer);
        }
        return codes(visit, answer);
    }

    @PostMapping("/account/second-factors/totp/remove")
    ResponseEntity<String> remove(Visit visit, @RequestParam(defaultValue = "") String currentPassword) {
        return account.change(
                visit,
                "DELETE",
                "/api/v1/users/me/mfa/totp",
                Map.of("currentPassword", currentPassword),
                "/account/second-factors?done=totp-removed",
                PAGE,
                Map.of());
    }

    @PostMapping("/account/second-factors/recovery-codes")
    ResponseEntity<String> recoveryCodes(Visit visit, @RequestParam(defaultValue = "") String currentPassword) {
        var answer = api.send(
                "POST", "/api/v1/users/me/mfa/recovery-codes", Map.of("currentPassword", currentPassword), visit);
        if (!answer.ok()) {
            return refused(visit, answer);
        }
        return codes(visit, answer);
    }

    /** The new recovery codes, shown this once. */
    private ResponseEntity<String> codes(Visit visit, Api.Answer answer) {
        var codes = new ArrayList<String>();
        answer.body().path("recoveryCodes").forEach(code -> codes.add(code.asString()));
        return render(visit, Map.of("recoveryCodes", codes));
    }

    private ResponseEntity<String> refused(Visit visit, Api.Answer answer) {
        if (answer.status() == 401) {
            return Pages.redirect("/login");
        }
        return render(visit, Forms.failed(answer, Map.of()));
    }
}
