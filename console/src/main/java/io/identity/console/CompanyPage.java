package io.identity.console;

import io.identity.console.Api.Side;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every page of the company console does: render with the company and the caller's role in it, and run a
 * change. The company console: details and settings ({@link CompanySettingsPages}), members
 * ({@link CompanyMemberPages}), invitations ({@link CompanyInvitationPages}) and the company's audit
 * ({@link CompanyAuditPages}). What a role may do is the API's to decide; the pages only leave out the forms a role
 * cannot use.
 */
@Component
class CompanyPage {

    private final Api api;
    private final Pages pages;

    CompanyPage(Api api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    /** A company page: the company, the caller's role in it, and the page's own reads. */
    ResponseEntity<String> page(Visit visit, String companyId, String template, Map<String, Object> model) {
        var signedIn = SignedIn.of(api, pages, visit);
        if (signedIn.instead() != null) {
            return signedIn.instead();
        }
        var me = signedIn.me();
        var company = api.get(Side.QUERY, "/api/v1/companies/" + Urls.encode(companyId), visit);
        if (company.status() == 403 && "mfa_required".equals(company.code())) {
            // the company requires two-step sign-in, and this session did not use it: the way there
            return pages.render(
                    HttpStatus.FORBIDDEN,
                    "message",
                    Map.of(
                            "title",
                            "company.mfaRequired.title",
                            "text",
                            "company.mfaRequired.text",
                            "link",
                            "/account/second-factors",
                            "linkKey",
                            "error.mfaRequiredLink"),
                    visit);
        }
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

    /**
     * Runs a change; on success to {@code back}, else the page again with the API's refusal and the {@code model}
     * of the page's own reads.
     */
    ResponseEntity<String> change(
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
}
