package io.identity.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing in with a passkey on the hosted pages: without a password (the sign-in page's button), or as the second
 * factor after a right password (on the sign-in's second step, {@link SecondFactorStep}, which carries the
 * sign-in's one-time {@code mfaToken} for its 5 minutes). As on {@link PasskeyPages}, the script asks for the options here, lets the
 * authenticator answer, and posts the form with the answer; a refusal shows the page again to try once more.
 */
@Controller
class PasskeySignInPages {

    private final Api api;
    private final Pages pages;
    private final JsonMapper json;

    PasskeySignInPages(Api api, Pages pages, JsonMapper json) {
        this.api = api;
        this.pages = pages;
        this.json = json;
    }

    /** The page of a sign-in with a passkey alone, from the sign-in page's link. */
    @GetMapping("/login/passkey")
    ResponseEntity<String> signInPage(Visit visit, @RequestParam(name = "continue", required = false) String next) {
        var model = new HashMap<String, Object>();
        model.put("factors", List.of());
        model.put("continueTo", Continuation.authorization(next));
        return pages.render("login-passkey", model, visit);
    }

    @PostMapping("/login/passkey/options")
    ResponseEntity<String> signInOptions(Visit visit) {
        return PasskeyPages.answer(api.send("POST", "/api/v1/auth/webauthn/options", Map.of(), visit));
    }

    @PostMapping("/login/passkey")
    ResponseEntity<String> signIn(
            Visit visit,
            @RequestParam(defaultValue = "") String challengeId,
            @RequestParam(defaultValue = "") String credential,
            @RequestParam(name = "continue", required = false) String next) {
        var body = (Function<JsonNode, Map<String, Object>>)
                parsed -> Map.of("challengeId", challengeId, "credential", parsed);
        return answer(visit, "/api/v1/auth/webauthn", body, credential, next, answer -> {
            var model = new HashMap<String, Object>();
            model.put("problemKey", "passkeys.signInFailed");
            model.put("factors", List.of());
            return model;
        });
    }

    @PostMapping("/login/passkey/second-factor/options")
    ResponseEntity<String> secondFactorOptions(Visit visit, @RequestParam(defaultValue = "") String mfaToken) {
        return PasskeyPages.answer(
                api.send("POST", "/api/v1/auth/mfa/webauthn-options", Map.of("mfaToken", mfaToken), visit));
    }

    @PostMapping("/login/passkey/second-factor")
    ResponseEntity<String> secondFactor(
            Visit visit,
            @RequestParam(defaultValue = "") String mfaToken,
            @RequestParam(defaultValue = "") String credential,
            @RequestParam(name = "continue", required = false) String next) {
        var body = (Function<JsonNode, Map<String, Object>>) parsed -> Map.of("mfaToken", mfaToken, "webauthn", parsed);
        return answer(visit, "/api/v1/auth/mfa", body, credential, next, answer -> {
            var model = new HashMap<String, Object>();
            var expired = answer != null && "invalid_token".equals(answer.code());
            model.put("problemKey", expired ? "passkeys.expired" : "passkeys.signInFailed");
            // a sign-in that expired starts again from the password
            model.put("mfaToken", expired ? "" : mfaToken);
            model.put("factors", expired ? List.of() : List.of("webauthn"));
            return model;
        });
    }

    /**
     * Sends the authenticator's answer in the {@code body} of the sign-in it belongs to (with its challenge or its
     * {@code mfaToken}): signed in, on to where the sign-in was going; else the page again with {@code refused}'s
     * model (the answer is null when the browser's answer could not even be read).
     */
    private ResponseEntity<String> answer(
            Visit visit,
            String path,
            Function<JsonNode, Map<String, Object>> body,
            String credential,
            String next,
            Function<Api.Answer, Map<String, Object>> refused) {
        var then = Continuation.authorization(next);
        var parsed = PasskeyPages.parse(json, credential);
        var answer = parsed == null ? null : api.send("POST", path, body.apply(parsed), visit);
        if (answer == null || !answer.ok()) {
            var model = refused.apply(answer);
            model.put("continueTo", then);
            return pages.render(HttpStatus.BAD_REQUEST, "login-passkey", model, visit);
        }
        SignInPages.start(visit, answer);
        return Pages.redirect(then != null ? then : "/account");
    }
}
