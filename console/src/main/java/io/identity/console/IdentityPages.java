package io.identity.console;

import io.identity.console.Api.Side;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account console's linked provider accounts: linking one, confirmed with the current password and completed
 * only by the browser that started it, and unlinking.
 */
@Controller
class IdentityPages {

    private final Api api;
    private final AccountPage account;
    private final ConsoleLinks links;

    IdentityPages(Api api, AccountPage account, ConsoleLinks links) {
        this.api = api;
        this.account = account;
        this.links = links;
    }

    /**
     * The linked accounts; also where a link flow ends ({@link ConsoleLinks#linkedProvider}): with a
     * {@code link_code}, a flow this signed-in browser started (its {@code state}, see {@link #linkState}) is
     * completed with the browser's own sign-in, so the API links only if the signed-in user is the one who
     * started it; then back to the page without the code.
     */
    @GetMapping("/account/identities")
    ResponseEntity<String> identities(
            Visit visit,
            @RequestParam(name = "link_code", required = false) String linkCode,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String done) {
        var model = Forms.done(done);
        if (error != null) {
            model.put("problemKey", ErrorMessages.key("link", error));
        } else if (linkCode != null) {
            if (!visit.signedIn()) {
                return Pages.redirect("/login");
            }
            var separator = state == null ? -1 : state.lastIndexOf(':');
            var provider = separator > 0 ? state.substring(0, separator) : null;
            if (provider == null || !state.equals(linkState(visit, provider))) {
                model.put("problem", "The provider account was not linked: this page did not start that link.");
            } else {
                var answer = api.send(
                        "POST",
                        "/api/v1/users/me/identities/" + Urls.encode(provider) + "/complete",
                        Map.of("linkCode", linkCode),
                        visit);
                if (answer.ok()) {
                    return Pages.redirect("/account/identities?done=linked");
                }
                if (answer.status() == 401) {
                    return Pages.redirect("/login");
                }
                model.putAll(Forms.failed(answer, Map.of()));
            }
        }
        return listed(visit, model);
    }

    /** The page with the linked accounts and the providers one may link. */
    private ResponseEntity<String> listed(Visit visit, Map<String, Object> model) {
        var providers = api.get(Side.COMMAND, "/api/v1/auth/oauth/providers", visit);
        var names = new ProviderNames(providers);
        model.put(
                "identities",
                names.named(api.get(Side.QUERY, "/api/v1/users/me/identities?limit=200", visit), "provider"));
        model.put("providers", names.named(providers, "id"));
        return account.page(visit, "identities", model);
    }

    /**
     * Starts linking, confirmed with the current password: the provider's address is shown as a link to follow
     * (forms may not lead off the site). The flow comes back to the identities page, which completes it.
     */
    @PostMapping("/account/identities/{provider}/link")
    ResponseEntity<String> link(
            Visit visit, @PathVariable String provider, @RequestParam(defaultValue = "") String currentPassword) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(
                "POST",
                "/api/v1/users/me/identities/" + Urls.encode(provider),
                Map.of(
                        "redirectUri",
                        links.linkedProvider(),
                        "state",
                        linkState(visit, provider),
                        "currentPassword",
                        currentPassword),
                visit);
        if (!answer.ok()) {
            if (answer.status() == 401) {
                return Pages.redirect("/login");
            }
            var model = new HashMap<String, Object>(Forms.failed(answer, Map.of()));
            model.put("done", "");
            return listed(visit, model);
        }
        return account.page(
                visit,
                "continue",
                Map.of(
                        "provider",
                        new ProviderNames(api.get(Side.COMMAND, "/api/v1/auth/oauth/providers", visit)).of(provider),
                        "href",
                        answer.body().path("authorizationUrl").asString()));
    }

    /**
     * {@code <provider>:<digest of the console session>}: names the provider to complete with, and ties the flow to
     * this browser's sign-in. Not the CSRF token: the state travels in addresses and is stored with the flow.
     */
    private static String linkState(Visit visit, String provider) {
        var digest = Digests.sha256("console-link:" + visit.session().sessionId() + ":" + provider);
        return provider + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    @PostMapping("/account/identities/{provider}/unlink")
    ResponseEntity<String> unlink(Visit visit, @PathVariable String provider) {
        return account.change(
                visit,
                "DELETE",
                "/api/v1/users/me/identities/" + Urls.encode(provider),
                null,
                "/account/identities?done=unlinked",
                "identities",
                Map.of());
    }
}
