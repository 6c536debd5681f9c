package io.identity.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The company's details and its invitation settings; leaving the company. */
@Controller
class CompanySettingsPages {

    private final CompanyPage company;

    CompanySettingsPages(CompanyPage company) {
        this.company = company;
    }

    @GetMapping("/companies/{companyId}")
    ResponseEntity<String> details(
            Visit visit, @PathVariable String companyId, @RequestParam(required = false) String done) {
        return company.page(visit, companyId, "company", Forms.done(done));
    }

    @PostMapping("/companies/{companyId}/details")
    ResponseEntity<String> saveDetails(
            Visit visit, @PathVariable String companyId, @RequestParam Map<String, String> form) {
        return company.change(
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
        return company.change(
                visit,
                companyId,
                "PATCH",
                "/api/v1/companies/" + Urls.encode(companyId) + "/settings",
                settings,
                "/companies/" + companyId + "?done=saved",
                "company",
                Map.of());
    }

    /** Owners only, from a session signed in in two steps (else the API's {@code mfa_required}, with the way there). */
    @PostMapping("/companies/{companyId}/second-factor-rule")
    ResponseEntity<String> secondFactorRule(
            Visit visit, @PathVariable String companyId, @RequestParam(defaultValue = "") String requireMfa) {
        return company.change(
                visit,
                companyId,
                "PATCH",
                "/api/v1/companies/" + Urls.encode(companyId) + "/settings",
                Map.of("requireMfa", "true".equals(requireMfa)),
                "/companies/" + companyId + "?done=saved",
                "company",
                Map.of());
    }

    @PostMapping("/companies/{companyId}/leave")
    ResponseEntity<String> leave(Visit visit, @PathVariable String companyId, @RequestParam String userId) {
        return company.change(
                visit,
                companyId,
                "DELETE",
                "/api/v1/companies/" + Urls.encode(companyId) + "/members/" + Urls.encode(userId),
                null,
                "/account/companies",
                "company",
                Map.of());
    }
}
