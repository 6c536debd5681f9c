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

/** The company's members: search, paging, roles, removal. */
@Controller
class CompanyMemberPages {

    private final Api api;
    private final CompanyPage company;

    CompanyMemberPages(Api api, CompanyPage company) {
        this.api = api;
        this.company = company;
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
        return company.page(visit, companyId, "members", model);
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
        return company.change(
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
        return company.change(
                visit,
                companyId,
                "DELETE",
                "/api/v1/companies/" + Urls.encode(companyId) + "/members/" + Urls.encode(userId),
                null,
                "/companies/" + companyId + "/members?done=member-removed",
                "members",
                membersOf(visit, companyId, null, null, null));
    }
}
