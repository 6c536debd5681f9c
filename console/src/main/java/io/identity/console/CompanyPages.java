package io.identity.console;

import io.identity.console.Api.Side;
import java.util.Arrays;
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
 * The company console: details and settings, members (search, paging, roles, removal), invitations (create,
 * resend, revoke; the links go to the invitees' mailboxes only), and the company's audit with filters and export. What a role may do is the
 * API's to decide; the pages only leave out the forms a role cannot use.
 */
@Controller
class CompanyPages {

    private final Api api;
    private final Pages pages;

    CompanyPages(Api api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    /** A company page: the company, the caller's role in it, and the page's own reads. */
    private ResponseEntity<String> page(Visit visit, String companyId, String template, Map<String, Object> model) {
        var signedIn = SignedIn.of(api, pages, visit);
        if (signedIn.instead() != null) {
            return signedIn.instead();
        }
        var me = signedIn.me();
        var company = api.get(Side.QUERY, "/api/v1/companies/" + Urls.encode(companyId), visit);
        if (!company.ok()) {
            return pages.message(HttpStatus.NOT_FOUND, "company.unknown", visit);
        }
        String role = null;
        for (var membership : me.body().path("companies")) {
            if (companyId.equals(membership.path("companyId").asString())) {
                role = membership.path("role").asString();
            }
        }
        var full = new HashMap<String, Object>(model);
        full.put("me", Forms.data(me.body()));
        full.put("company", Forms.data(company.body()));
        full.put("role", role == null ? "" : role);
        full.put("manager", "OWNER".equals(role) || "ADMIN".equals(role));
        full.putIfAbsent("done", "");
        var status = model.containsKey("problem") ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        return pages.render(status, template, full, visit);
    }

    private ResponseEntity<String> change(
            Visit visit,
            String companyId,
            String method,
            String path,
            Object body,
            String back,
            String template,
            Map<String, Object> model) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(method, path, body, visit);
        if (answer.ok()) {
            return Pages.redirect(back);
        }
        var failed = Forms.failed(answer, Map.of());
        failed.putAll(model);
        return page(visit, companyId, template, failed);
    }

    @GetMapping("/companies/{companyId}")
    ResponseEntity<String> details(
            Visit visit, @PathVariable String companyId, @RequestParam(required = false) String done) {
        return page(visit, companyId, "company", Forms.done(done));
    }

    @PostMapping("/companies/{companyId}/details")
    ResponseEntity<String> saveDetails(
            Visit visit, @PathVariable String companyId, @RequestParam Map<String, String> form) {
        return change(
                visit,
                companyId,
                "PATCH",
                "/api/v1/companies/" + Urls.encode(companyId),
                Map.of("name", form.getOrDefault("name", ""), "description", form.getOrDefault("description", "")),
                "/companies/" + companyId + "?done=saved",
                "company",
                Map.of());
    }

    @PostMapping("/companies/{companyId}/settings")
    ResponseEntity<String> saveSettings(
            Visit visit, @PathVariable String companyId, @RequestParam Map<String, String> form) {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("defaultInvitationRole", form.getOrDefault("defaultInvitationRole", "MEMBER"));
        var days = form.getOrDefault("invitationExpiryDays", "");
        settings.put("invitationExpiryDays", days.matches("\\d{1,4}") ? Integer.parseInt(days) : days);
        settings.put(
                "allowedEmailDomains",
                Arrays.stream(form.getOrDefault("allowedEmailDomains", "").split("[,\\s]+"))
                        .filter(domain -> !domain.isBlank())
                        .toList());
        return change(
                visit,
                companyId,
                "PATCH",
                "/api/v1/companies/" + Urls.encode(companyId) + "/settings",
                settings,
                "/companies/" + companyId + "?done=saved",
                "company",
                Map.of());
    }

    @PostMapping("/companies/{companyId}/leave")
    ResponseEntity<String> leave(Visit visit, @PathVariable String companyId, @RequestParam String userId) {
        return change(
                visit,
                companyId,
                "DELETE",
                "/api/v1/companies/" + Urls.encode(companyId) + "/members/" + Urls.encode(userId),
                null,
                "/account/companies",
                "company",
                Map.of());
    }

    @GetMapping("/companies/{companyId}/members")
    ResponseEntity<String> members(
            Visit visit,
            @PathVariable String companyId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done) {
        var model = Forms.done(done);
        model.putAll(membersOf(visit, companyId, q, role, cursor));
        return page(visit, companyId, "members", model);
    }

    private Map<String, Object> membersOf(Visit visit, String companyId, String q, String role, String cursor) {
        var answer = api.get(
                Side.QUERY,
                Urls.withQuery(
                        "/api/v1/companies/" + Urls.encode(companyId) + "/members",
                        Urls.parameters("limit", "20", "q", q, "role", role, "cursor", cursor)),
                visit);
        var model = new HashMap<String, Object>();
        model.put("members", Forms.items(answer));
        model.put("next", answer.body().path("nextCursor").asString(null));
        model.put("q", q == null ? "" : q);
        model.put("filterRole", role == null ? "" : role);
        return model;
    }

    @PostMapping("/companies/{companyId}/members/{userId}/role")
    ResponseEntity<String> changeRole(
            Visit visit,
            @PathVariable String companyId,
            @PathVariable String userId,
            @RequestParam(defaultValue = "") String role) {
        return change(
                visit,
                companyId,
                "PUT",
                "/api/v1/companies/" + Urls.encode(companyId) + "/members/" + Urls.encode(userId) + "/role",
                Map.of("role", role),
                "/companies/" + companyId + "/members?done=role-changed",
                "members",
                membersOf(visit, companyId, null, null, null));
    }

    @PostMapping("/companies/{companyId}/members/{userId}/remove")
    ResponseEntity<String> remove(Visit visit, @PathVariable String companyId, @PathVariable String userId) {
        return change(
                visit,
                companyId,
                "DELETE",
                "/api/v1/companies/" + Urls.encode(companyId) + "/members/" + Urls.encode(userId),
                null,
                "/companies/" + companyId + "/members?done=member-removed",
                "members",
                membersOf(visit, companyId, null, null, null));
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
        return page(visit, companyId, "invitations", model);
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
        return page(visit, companyId, "invitations", model);
    }

    @PostMapping("/companies/{companyId}/invitations/{invitationId}/revoke")
    ResponseEntity<String> revoke(Visit visit, @PathVariable String companyId, @PathVariable String invitationId) {
        return change(
                visit,
                companyId,
                "DELETE",
                "/api/v1/invitations/" + Urls.encode(invitationId),
                null,
                "/companies/" + companyId + "/invitations?done=revoked",
                "invitations",
                invitationsOf(visit, companyId, null, null));
    }

    @GetMapping("/companies/{companyId}/audit")
    ResponseEntity<String> audit(
            Visit visit, @PathVariable String companyId, @RequestParam Map<String, String> filters) {
        var answer = api.get(Side.QUERY, auditPath(companyId, filters, true), visit);
        var model = new HashMap<String, Object>();
        if (!answer.ok() && answer.status() != 401) {
            model.putAll(Forms.failed(answer, Map.of()));
        }
        model.put("entries", Forms.items(answer));
        model.put("next", answer.body().path("nextCursor").asString(null));
        model.put("filters", filters);
        model.put("exportQuery", auditPath(companyId, filters, false).replaceFirst("^[^?]*", ""));
        return page(visit, companyId, "audit", model);
    }

    /** The filtered audit as CSV, streamed by the API, handed on as a download. */
    @GetMapping("/companies/{companyId}/audit/export")
    ResponseEntity<String> auditExport(
            Visit visit, @PathVariable String companyId, @RequestParam Map<String, String> filters) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.download(Side.QUERY, auditPath(companyId, filters, false), visit, "text/csv");
        if (!answer.ok()) {
            return Pages.redirect("/companies/" + companyId + "/audit");
        }
        return Pages.download("text/csv; charset=utf-8", "attachment; filename=\"company-audit.csv\"", answer.text());
    }

    private static String auditPath(String companyId, Map<String, String> filters, boolean paged) {
        var parameters = Urls.parameters(
                "type",
                filters.get("type"),
                "actor",
                filters.get("actor"),
                "from",
                filters.get("from"),
                "to",
                filters.get("to"));
        if (paged) {
            parameters.put("limit", "25");
            parameters.put("cursor", filters.get("cursor"));
        }
        return Urls.withQuery("/api/v1/companies/" + Urls.encode(companyId) + "/audit", parameters);
    }
}
