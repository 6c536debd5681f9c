package io.identity.console;

import org.springframework.http.ResponseEntity;

/**
 * What every console page starts with: the signed-in user's own view ({@code GET /api/v1/users/me}), or the page to
 * answer with instead — the sign-in page when the browser is not (or no longer) signed in, a page saying the
 * service is away when the API cannot answer.
 */
record SignedIn(Api.Answer me, ResponseEntity<String> instead) {

    static SignedIn of(Api api, Pages pages, Visit visit) {
        if (!visit.signedIn()) {
            return new SignedIn(null, Pages.redirect("/login"));
        }
        var me = api.get(Api.Side.QUERY, "/api/v1/users/me", visit);
        if (me.status() == 401) {
            return new SignedIn(me, Pages.redirect("/login"));
        }
        return new SignedIn(me, me.ok() ? null : pages.unavailable(visit));
    }
}
