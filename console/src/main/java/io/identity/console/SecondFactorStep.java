package io.identity.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The sign-in's second step for a person with a second factor (§13): after the right password the page asks for
 * the authenticator app's code, or one of the recovery codes; the one-time token the password gave rides in the
 * form (it proves only that this browser just gave the right password, for five minutes). Then the browser is
 * signed in and goes where the sign-in was going, an application's sign-in included.
 */
@Controller
class SecondFactorStep {

    private final Api api;
    private final Pages pages;

    SecondFactorStep(Api api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    /** The step's page, for the sign-in that answered {@code mfa_required}. */
    ResponseEntity<String> ask(Visit visit, JsonNode refusal, String continueTo, Map<String, Object> extra) {
        var factors = new ArrayList<String>();
        refusal.path("factors").forEach(factor -> factors.add(factor.asString()));
        return page(visit, refusal.path("mfaToken").asString(), factors, continueTo, extra, HttpStatus.OK);
    }

    private ResponseEntity<String> page(
            Visit visit,
            String mfaToken,
            Object factors,
            String continueTo,
            Map<String, Object> extra,
            HttpStatus status) {
        var model = new HashMap<String, Object>(extra);
        model.put("mfaToken", mfaToken);
        model.put("factors", factors);
        model.put("continueTo", continueTo);
        return pages.render(status, "second-factor", model, visit);
    }

    @PostMapping("/login/second-factor")
    ResponseEntity<String> answer(
            Visit visit,
            @RequestParam(defaultValue = "") String mfaToken,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String recoveryCode,
            @RequestParam(required = false) String factors,
            @RequestParam(name = "continue", required = false) String next) {
        var then = Continuation.authorization(next);
        var body = new LinkedHashMap<String, Object>();
        body.put("mfaToken", mfaToken);
        if (recoveryCode != null) {
            body.put("recoveryCode", recoveryCode);
        } else {
            body.put("totp", code == null ? "" : code);
        }
        var answer = api.send("POST", "/api/v1/auth/mfa", body, visit);
        if (answer.ok()) {
            SignInPages.start(visit, answer);
            return Pages.redirect(then != null ? then : "/account");
        }
        if (answer.status() == 401) {
            // the step took too long, or was finished elsewhere: the password again
            return Pages.redirect(then != null ? "/login?continue=" + Urls.encode(then) : "/login");
        }
        var model = Forms.failed(answer, Map.of());
        return page(
                visit,
                mfaToken,
                factors == null ? List.of() : List.of(factors.split(",")),
                then,
                model,
                HttpStatus.valueOf(answer.status()));
    }
}
