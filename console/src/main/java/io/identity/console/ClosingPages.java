package io.identity.console;

import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Closing the account, or erasing it for good; either signs the browser out. */
@Controller
class ClosingPages {

    private final Api api;
    private final Pages pages;
    private final AccountPage account;

    ClosingPages(Api api, Pages pages, AccountPage account) {
        this.api = api;
        this.pages = pages;
        this.account = account;
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
}
