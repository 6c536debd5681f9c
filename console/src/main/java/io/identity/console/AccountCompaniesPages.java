package io.identity.console;

import io.identity.console.Api.Side;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The companies the user belongs to, and founding a new one. */
@Controller
class AccountCompaniesPages {

    private final Api api;
    private final AccountPage account;

    AccountCompaniesPages(Api api, AccountPage account) {
        this.api = api;
        this.account = account;
    }

    @GetMapping("/account/companies")
    ResponseEntity<String> companies(Visit visit) {
        return page(visit, new HashMap<>());
    }

    @PostMapping("/account/companies")
    ResponseEntity<String> createCompany(Visit visit, @RequestParam Map<String, String> form) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(
                "POST",
                "/api/v1/companies",
                Map.of("name", form.getOrDefault("name", ""), "description", form.getOrDefault("description", "")),
                visit);
        if (!answer.ok()) {
            return page(visit, Forms.failed(answer, Forms.echo(form)));
        }
        return Pages.redirect("/companies/" + answer.body().path("companyId").asString());
    }

    /** The page with the user's companies. */
    private ResponseEntity<String> page(Visit visit, Map<String, Object> model) {
        model.put("companies", Forms.items(api.get(Side.QUERY, "/api/v1/users/me/companies?limit=200", visit)));
        return account.page(visit, "companies", model);
    }
}
