package io.identity.console;

import io.identity.console.Api.Side;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The company's invitations: create, resend, revoke; the links go to the invitees' mailboxes only. */
@Controller
class CompanyInvitationPages {

    private final Api api;
    private final CompanyPage company;

    CompanyInvitationPages(Api api, CompanyPage company) {
        this.api = api;
        this.company = company;
    }

    @GetMapping("/companies/{companyId}/invitations")
    ResponseEntity<String> invitations(
            Visit visit,
            @PathVariable String companyId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done) {
        var model = Forms.done(done);
        model.putAll(invitationsOf(visit, companyId, status, cursor));
        return company.page(visit, companyId, "invitations", model);
    }

    private Map<String, Object> invitationsOf(Visit visit, String companyId, String status, String cursor) {
        var answer = api.get(
                Side.QUERY,
                Urls.withQuery(
                        "/api/v1/companies/" + Urls.encode(companyId) + "/invitations",
                        Urls.parameters("limit", "20", "status", status, "cursor", cursor)),
                visit);
        var model = new HashMap<String, Object>();
        model.put("invitations", Forms.items(answer));
        model.put("next", answer.body().path("nextCursor").asString(null));
        model.put("filterStatus", status == null ? "" : status);
        return model;
    }

    /** The invitation is mailed; the page says so (the link goes to the invitee's mailbox, never to the inviter). */
    @PostMapping("/companies/{companyId}/invitations")
    ResponseEntity<String> invite(Visit visit, @PathVariable String companyId, @RequestParam Map<String, String> form) {
        var body = new LinkedHashMap<String, Object>();
        body.put("email", form.getOrDefault("email", ""));
        body.put("role", Forms.blankToNull(form.get("role")));
        return invitationMailed(
                visit,
                companyId,
                "POST",
                "/api/v1/companies/" + Urls.encode(companyId) + "/invitations",
                body,
                "invited",
                Forms.echo(form));
    }

    @PostMapping("/companies/{companyId}/invitations/{invitationId}/resend")
    ResponseEntity<String> resend(Visit visit, @PathVariable String companyId, @PathVariable String invitationId) {
        return invitationMailed(
                visit,
                companyId,
                "POST",
                "/api/v1/invitations/" + Urls.encode(invitationId) + "/resend",
                null,
                "resent",
                Map.of());
    }

    private ResponseEntity<String> invitationMailed(
            Visit visit,
            String companyId,
            String method,
            String path,
            Object body,
            String done,
            Map<String, Object> form) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(method, path, body, visit);
        var model = answer.ok() ? Forms.done(done) : Forms.failed(answer, form);
        model.putAll(invitationsOf(visit, companyId, null, null));
        return company.page(visit, companyId, "invitations", model);
    }

    @PostMapping("/companies/{companyId}/invitations/{invitationId}/revoke")
    ResponseEntity<String> revoke(Visit visit, @PathVariable String companyId, @PathVariable String invitationId) {
        return company.change(
                visit,
                companyId,
                "DELETE",
                "/api/v1/invitations/" + Urls.encode(invitationId),
                null,
                "/companies/" + companyId + "/invitations?done=revoked",
                "invitations",
                invitationsOf(visit, companyId, null, null));
    }
}
