package io.identity.console;

import io.identity.console.Api.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operators' page (§14): search the accounts by a prefix of the name or address and by status, lock one with a
 * reason, unlock it, end all its sessions. Anyone else is refused, by the API and by the page.
 */
@Controller
class OperatorPages {

    static final String PAGE = "operator-users";

    private final Api api;
    private final AccountPage account;
    private final Pages pages;

    OperatorPages(Api api, AccountPage account, Pages pages) {
        this.api = api;
        this.account = account;
        this.pages = pages;
    }

    @GetMapping("/operator/users")
    ResponseEntity<String> users(
            Visit visit,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done) {
        return render(visit, q, status, cursor, Forms.done(done));
    }

    private ResponseEntity<String> render(
            Visit visit, String q, String status, String cursor, Map<String, Object> extra) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var query = new StringBuilder("/api/v1/admin/users?limit=50");
        if (q != null && !q.isBlank()) {
            query.append("&q=").append(Urls.encode(q));
        }
        if (status != null && !status.isBlank()) {
            query.append("&status=").append(Urls.encode(status));
        }
        if (cursor != null && !cursor.isBlank()) {
            query.append("&cursor=").append(Urls.encode(cursor));
        }
        var answer = api.get(Side.QUERY, query.toString(), visit);
        if (answer.status() == 403) {
            return pages.message(HttpStatus.FORBIDDEN, "operator.none", visit);
        }
        var model = new HashMap<String, Object>(extra);
        model.put("q", q == null ? "" : q);
        model.put("status", status == null ? "" : status);
        if (answer.ok()) {
            var users = new ArrayList<Object>();
            answer.body().path("items").forEach(item -> users.add(Forms.data(item)));
            model.put("users", users);
            model.put("nextCursor", answer.body().path("nextCursor").asString(null));
        } else {
            model.putAll(Forms.failed(answer, Map.of()));
            model.put("users", List.of());
        }
        return account.page(visit, PAGE, model);
    }

    @PostMapping("/operator/users/{userId}/lock")
    ResponseEntity<String> lock(
            Visit visit, @PathVariable String userId, @RequestParam(defaultValue = "") String reason) {
        return act(visit, "POST", "/lock", userId, Map.of("reason", reason), "locked");
    }

    @PostMapping("/operator/users/{userId}/unlock")
    ResponseEntity<String> unlock(Visit visit, @PathVariable String userId) {
        return act(visit, "POST", "/unlock", userId, null, "unlocked");
    }

    @PostMapping("/operator/users/{userId}/sessions/end")
    ResponseEntity<String> endSessions(Visit visit, @PathVariable String userId) {
        return act(visit, "DELETE", "/sessions", userId, null, "sessions-ended");
    }

    private ResponseEntity<String> act(
            Visit visit, String method, String action, String userId, Object body, String done) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(method, "/api/v1/admin/users/" + Urls.encode(userId) + action, body, visit);
        if (answer.ok()) {
            return Pages.redirect("/operator/users?done=" + done);
        }
        if (answer.status() == 403) {
            return pages.message(HttpStatus.FORBIDDEN, "operator.none", visit);
        }
        return render(visit, null, null, null, Forms.failed(answer, Map.of()));
    }
}
