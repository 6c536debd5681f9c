package io.identity.console;

import io.identity.console.Api.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page of the OpenID Connect provider (§12): the application by the name it registered, what it asks to
 * know in words, and one form that posts the decision ({@code decision=allow|deny}) back to the authorization
 * endpoint with the request's {@code client_id}, {@code state} and scopes. The provider checked the request before
 * sending the browser here; an unknown application or an incomplete request is said so, and nothing posts.
 */
@Controller
class ConsentPages {

    private final Api api;
    private final Pages pages;

    ConsentPages(Api api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    @GetMapping("/oauth2/consent")
    ResponseEntity<String> consent(
            Visit visit,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String state) {
        var client = clientId == null || clientId.isBlank()
                ? null
                : api.get(Side.COMMAND, "/api/v1/oauth/clients/" + Urls.encode(clientId), null);
        if (client == null || !client.ok() || state == null || state.isBlank()) {
            return pages.message(HttpStatus.BAD_REQUEST, "consent.unknown", visit);
        }
        var scopes = new ArrayList<>(new LinkedHashSet<>(
                List.of(scope == null ? new String[0] : scope.strip().split("\\s+"))));
        scopes.removeIf(String::isEmpty);
        var model = new HashMap<String, Object>();
        model.put("clientId", clientId);
        model.put("clientName", client.body().path("name").asString(clientId));
        model.put("state", state);
        model.put("scopes", scopes);
        // the one form of the page is the decision's: automated clients post the page's form as it is
        model.put("bare", true);
        return pages.render("consent", model, visit);
    }
}
