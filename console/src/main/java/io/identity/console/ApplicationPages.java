package io.identity.console;

import io.identity.console.Api.Side;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The applications the person allowed to sign them in, each of which they can revoke (§12). */
@Controller
class ApplicationPages {

    private final Api api;
    private final AccountPage account;

    ApplicationPages(Api api, AccountPage account) {
        this.api = api;
        this.account = account;
    }

    @GetMapping("/account/applications")
    ResponseEntity<String> applications(Visit visit, @RequestParam(required = false) String done) {
        var model = Forms.done(done);
        model.put("applications", Forms.items(api.get(Side.COMMAND, "/api/v1/users/me/applications", visit)));
        return account.page(visit, "applications", model);
    }

    @PostMapping("/account/applications/{clientId}/revoke")
    ResponseEntity<String> revoke(Visit visit, @PathVariable String clientId) {
        return account.change(
                visit,
                "DELETE",
                "/api/v1/users/me/applications/" + Urls.encode(clientId),
                null,
                "/account/applications?done=application-revoked",
                "applications",
                Map.of());
    }
}
