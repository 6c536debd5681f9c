package io.identity.console;

import io.identity.console.Api.Side;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages every emailed link opens: verify the address, choose a new password, answer an invitation. The link's
 * token leaves the address bar at once ({@link LinkTokens}) and only the page's button spends it, so a mail scanner
 * following links changes nothing.
 */
@Controller
class LinkPages {

    private final Api api;
    private final Pages pages;
    private final PublicForm publicForm;

    LinkPages(Api api, Pages pages, PublicForm publicForm) {
        this.api = api;
        this.pages = pages;
        this.publicForm = publicForm;
    }

    /** The verification link: a page with a button, so that a mail scanner following links verifies nothing. */
    @GetMapping("/verify-email")
    ResponseEntity<String> verifyForm(Visit visit, @RequestParam(required = false) String token) {
        if (token != null) {
            return LinkTokens.VERIFY.keep(visit, token);
        }
        if (LinkTokens.VERIFY.token(visit) == null) {
            return pages.linkMissing(visit);
        }
        return pages.render("verify-email", Map.of(), visit);
    }

    @PostMapping("/verify-email")
    ResponseEntity<String> verify(Visit visit) {
        var token = LinkTokens.VERIFY.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        return publicForm.submit(
                visit, "/api/v1/email-verification", Map.of("token", token), "verify-email", Map.of(), () -> {
                    LinkTokens.VERIFY.forget(visit);
                    return pages.message("verify.done", visit);
                });
    }

    @GetMapping("/reset-password")
    ResponseEntity<String> resetForm(Visit visit, @RequestParam(required = false) String token) {
        if (token != null) {
            return LinkTokens.RESET.keep(visit, token);
        }
        if (LinkTokens.RESET.token(visit) == null) {
            return pages.linkMissing(visit);
        }
        return pages.render("reset-password", Map.of(), visit);
    }

    @PostMapping("/reset-password")
    ResponseEntity<String> reset(Visit visit, @RequestParam(defaultValue = "") String newPassword) {
        var token = LinkTokens.RESET.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        return publicForm.submit(
                visit,
                "/api/v1/password-reset/confirm",
                Map.of("token", token, "newPassword", newPassword),
                "reset-password",
                Map.of(),
                () -> {
                    LinkTokens.RESET.forget(visit);
                    return Pages.redirect("/login?done=password-reset");
                });
    }

    /** The invitation link: its token into the cookie, the browser on to the page that shows it. */
    @GetMapping("/invitations/{token}")
    ResponseEntity<String> invitationLink(Visit visit, @PathVariable String token) {
        return LinkTokens.INVITATION.keep(visit, token);
    }

    /** Who invites, to what, as what; accept, join as a new user, or decline. */
    @GetMapping("/invitations/open")
    ResponseEntity<String> invitation(Visit visit) {
        return invitationPage(HttpStatus.OK, visit, Map.of());
    }

    private ResponseEntity<String> invitationPage(HttpStatus status, Visit visit, Map<String, Object> extra) {
        var token = LinkTokens.INVITATION.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        var found = api.get(Side.QUERY, "/api/v1/invitations/by-token/" + Urls.encode(token), null);
        if (!found.ok()) {
            return pages.message(HttpStatus.NOT_FOUND, "invitation.unknown", visit);
        }
        var model = new HashMap<String, Object>(extra);
        model.put("invitation", Forms.data(found.body()));
        return pages.render(status, "invitation", model, visit);
    }

    @PostMapping("/invitations/accept")
    ResponseEntity<String> accept(Visit visit) {
        var token = LinkTokens.INVITATION.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send("POST", "/api/v1/invitations/accept", Map.of("token", token), visit);
        if (!answer.ok()) {
            return invitationPage(HttpStatus.valueOf(answer.status()), visit, Forms.failed(answer, Map.of()));
        }
        LinkTokens.INVITATION.forget(visit);
        return Pages.redirect("/companies/" + answer.body().path("companyId").asString() + "/members");
    }

    @PostMapping("/invitations/join")
    ResponseEntity<String> join(Visit visit, @RequestParam Map<String, String> form) {
        var token = LinkTokens.INVITATION.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("token", token);
        body.put("username", form.getOrDefault("username", ""));
        body.put("password", form.getOrDefault("password", ""));
        body.put("displayName", Forms.blankToNull(form.get("displayName")));
        var answer = api.send("POST", "/api/v1/invitations/accept-new", body, visit);
        if (!answer.ok()) {
            return invitationPage(HttpStatus.valueOf(answer.status()), visit, Forms.failed(answer, Forms.echo(form)));
        }
        LinkTokens.INVITATION.forget(visit);
        return Pages.redirect("/login?done=joined");
    }

    @PostMapping("/invitations/decline")
    ResponseEntity<String> decline(Visit visit) {
        var token = LinkTokens.INVITATION.token(visit);
        if (token == null) {
            return pages.linkMissing(visit);
        }
        var answer = api.send("POST", "/api/v1/invitations/decline", Map.of("token", token), visit);
        if (!answer.ok()) {
            return invitationPage(HttpStatus.valueOf(answer.status()), visit, Forms.failed(answer, Map.of()));
        }
        LinkTokens.INVITATION.forget(visit);
        return pages.message("invitation.declined", visit);
    }
}
