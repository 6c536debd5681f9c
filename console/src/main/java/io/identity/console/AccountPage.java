package io.identity.console;

import io.identity.support.auth.OperatorSettings;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every page of the account console does: render with the signed-in user's data, and run a change. The account
 * console: profile, settings, privacy and the data export ({@link ProfilePages}); password, address and security
 * questions ({@link SecurityPages}); sessions and the security log ({@link SessionPages}); the companies
 * ({@link AccountCompaniesPages}); closing or erasing the account ({@link ClosingPages}); linked provider accounts
 * ({@link IdentityPages}). Every page reads from the query side (waiting for the browser's own last change) and
 * writes to the command side.
 */
@Component
class AccountPage {

    private final Api api;
    private final Pages pages;
    private final OperatorSettings operators;

    AccountPage(Api api, Pages pages, OperatorSettings operators) {
        this.api = api;
        this.pages = pages;
        this.operators = operators;
    }

    /** A page of the console: the signed-in user's data and more reads, or the sign-in page. */
    ResponseEntity<String> page(Visit visit, String template, Map<String, Object> model) {
        var signedIn = SignedIn.of(api, pages, visit);
        if (signedIn.instead() != null) {
            return signedIn.instead();
        }
        var me = signedIn.me();
        var full = new HashMap<String, Object>(model);
        full.put("me", Forms.data(me.body()));
        full.put(
                "operator",
                operators.operators().contains(me.body().path("userId").asString()));
        if ("account".equals(template)) {
            full.put("languages", SettingChoices.LANGUAGES);
            full.put("timeZones", SettingChoices.TIME_ZONES);
        }
        var status = model.containsKey("problem") ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        return pages.render(status, template, full, visit);
    }

    /** Runs a change; on success back to the page with a notice, else the page again with the API's refusal. */
    ResponseEntity<String> change(
            Visit visit,
            String method,
            String path,
            Object body,
            String back,
            String template,
            Map<String, String> form) {
        if (!visit.signedIn()) {
            return Pages.redirect("/login");
        }
        var answer = api.send(method, path, body, visit);
        if (answer.ok()) {
            return Pages.redirect(back);
        }
        if (answer.status() == 401) {
            return Pages.redirect("/login");
        }
        return page(visit, template, Forms.failed(answer, Forms.echo(form)));
    }
}
