package io.identity.console;

import io.identity.console.Api.Side;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The company's audit, with filters, and its export as CSV. */
@Controller
class CompanyAuditPages {

    private final Api api;
    private final CompanyPage company;

    CompanyAuditPages(Api api, CompanyPage company) {
        this.api = api;
        this.company = company;
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
        return company.page(visit, companyId, "audit", model);
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
