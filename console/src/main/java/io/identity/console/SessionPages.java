package io.identity.console;

import io.identity.console.Api.Side;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account's sessions, each of which can be ended, and its security log. */
@Controller
class SessionPages {

    private final Api api;
    private final AccountPage account;

    SessionPages(Api api, AccountPage account) {
        this.api = api;
        this.account = account;
    }

    @GetMapping("/account/sessions")
    ResponseEntity<String> sessions(Visit visit, @RequestParam(required = false) String done) {
        var model = Forms.done(done);
        model.put("sessions", Forms.items(api.get(Side.QUERY, "/api/v1/users/me/sessions?limit=200", visit)));
        return account.page(visit, "sessions", model);
    }

    @PostMapping("/account/sessions/{sessionId}/end")
    ResponseEntity<String> endSession(Visit visit, @PathVariable String sessionId) {
        return account.change(
                visit,
                "DELETE",
                "/api/v1/sessions/" + Urls.encode(sessionId),
                null,
                "/account/sessions?done=session-ended",
                "sessions",
                Map.of());
    }

    @GetMapping("/account/log")
    ResponseEntity<String> log(Visit visit, @RequestParam(required = false) String cursor) {
        var answer = api.get(
                Side.QUERY,
                "/api/v1/users/me/audit?limit=25" + (cursor == null ? "" : "&cursor=" + Urls.encode(cursor)),
                visit);
        var model = new HashMap<String, Object>();
        model.put("entries", Forms.items(answer));
        model.put("next", answer.body().path("nextCursor").asString(null));
        return account.page(visit, "log", model);
    }
}
