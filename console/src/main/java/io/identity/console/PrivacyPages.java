package io.identity.console;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Erasure by address, for anyone, with or without an account: ask with the address, then confirm from the link
 * mailed to it. As with every emailed link, the token leaves the address bar at once and only the page's button
 * spends it.
 */
@Controller
class PrivacyPages {

    private final Api api;
    private final Pages pages;

    PrivacyPages(Api api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    /** With a link's token: on to the confirmation. Without: the confirmation if a link brought one, else the form. */
    @GetMapping("/erase-address")
    ResponseEntity<String> page(Visit visit, @RequestParam(required = false) String token) {
        if (token != null) {
            return LinkTokens.ERASE.keep(visit, token);
        }
        if (LinkTokens.ERASE.token(visit) != null) {
            return pages.render("erase-address-confirm", Map.of(), visit);
        }
        return pages.render("erase-address", Map.of(), visit);
    }

    @PostMapping("/erase-address/request")
    ResponseEntity<String> request(Visit visit, @RequestParam(defaultValue = "") String email) {
        var answer = api.send("POST", "/api/v1/privacy/erase-address", Map.of("email", email), visit);
        if (!answer.ok()) {
            return pages.render(
                    HttpStatus.valueOf(answer.status()),
                    "erase-address",
                    Forms.failed(answer, Map.of("email", email)),
                    visit);
        }
        return pages.message("erase.sent", visit);
    }

    @PostMapping("/erase-address")
    ResponseEntity<String> confirm(Visit visit) {
        var token = LinkTokens.ERASE.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        var answer = api.send("POST", "/api/v1/privacy/erase-address/confirm", Map.of("token", token), visit);
        if (!answer.ok()) {
            if (answer.status() == HttpStatus.BAD_REQUEST.value()) {
                // spent, expired or replaced: this browser's copy of it is of no more use
                LinkTokens.ERASE.forget(visit);
            }
            return pages.render(
                    HttpStatus.valueOf(answer.status()),
                    "erase-address-confirm",
                    Forms.failed(answer, Map.of()),
                    visit);
        }
        LinkTokens.ERASE.forget(visit);
        return pages.message("erase.done", visit);
    }
}
