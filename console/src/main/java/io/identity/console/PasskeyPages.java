package io.identity.console;

import io.identity.console.Api.Side;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account's passkeys: the list, adding one (with a name and the current password) and removing one (with the
 * current password). The browser's part is {@code /assets/passkeys.js}: it asks {@link #options} for the options,
 * lets the authenticator make the passkey, and posts the form with its answer, so that the change itself is an
 * ordinary form post. Without JavaScript the page lists and removes passkeys and says adding one needs it.
 */
@Controller
class PasskeyPages {

    private final Api api;
    private final AccountPage account;
    private final JsonMapper json;

    PasskeyPages(Api api, AccountPage account, JsonMapper json) {
        this.api = api;
        this.account = account;
        this.json = json;
    }

    @GetMapping("/account/security/passkeys")
    ResponseEntity<String> passkeys(Visit visit, @RequestParam(required = false) String done) {
        return page(visit, Forms.done(done));
    }

    private ResponseEntity<String> page(Visit visit, Map<String, Object> model) {
        var factors = visit.signedIn() ? api.get(Side.QUERY, "/api/v1/users/me/mfa", visit) : null;
        model.put(
                "passkeys",
                factors != null && factors.ok() ? Forms.data(factors.body().path("passkeys")) : List.of());
        return account.page(visit, "passkeys", model);
    }

    /** The creation options for the script, behind the current password; the API's refusal as its code alone. */
    @PostMapping("/account/security/passkeys/options")
    ResponseEntity<String> options(Visit visit, @RequestParam(defaultValue = "") String currentPassword) {
        if (!visit.signedIn()) {
            return answer(api401());
        }
        return answer(api.send(
                "POST",
                "/api/v1/users/me/mfa/webauthn/registration-options",
                Map.of("currentPassword", currentPassword),
                visit));
    }

    @PostMapping("/account/security/passkeys")
    ResponseEntity<String> add(
            Visit visit,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String credential) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var parsed = parse(json, credential);
        if (parsed == null) {
            var model = Forms.done("");
            model.put("problemKey", "passkeys.failed");
            model.put("name", name);
            return page(visit, model);
        }
        var answer =
                api.send("POST", "/api/v1/users/me/mfa/webauthn", Map.of("name", name, "credential", parsed), visit);
        if (answer.ok()) {
            return Pages.redirect("/account/security/passkeys?done=passkey-added");
        }
        return answer.status() == 401
                ? Pages.redirect("/login")
                : page(visit, Forms.failed(answer, Map.of("name", name)));
    }

    @PostMapping("/account/security/passkeys/remove")
    ResponseEntity<String> remove(
            Visit visit,
            @RequestParam(defaultValue = "") String credentialId,
            @RequestParam(defaultValue = "") String currentPassword) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(
                "DELETE",
                "/api/v1/users/me/mfa/webauthn/" + Urls.encode(credentialId),
                Map.of("currentPassword", currentPassword),
                visit);
        if (answer.ok()) {
            return Pages.redirect("/account/security/passkeys?done=passkey-removed");
        }
        return answer.status() == 401 ? Pages.redirect("/login") : page(visit, Forms.failed(answer, Map.of()));
    }

    /** The browser's answer as posted by the script, or null when it is no JSON object. */
    static JsonNode parse(JsonMapper json, String credential) {
        try {
            var node = credential.isBlank() ? null : json.readTree(credential);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Api.Answer api401() {
        return new Api.Answer(401, json.createObjectNode().put("code", "unauthenticated"), null, null, null, null);
    }

    /** The API's options as they are, for the script; a refusal as its status and {@code code} alone. */
    static ResponseEntity<String> answer(Api.Answer answer) {
        var body = answer.ok()
                ? answer.body().toString()
                : "{\"code\":\""
                        + (answer.code() == null ? "unavailable" : answer.code().replaceAll("[^a-z_]", "")) + "\"}";
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }
}
