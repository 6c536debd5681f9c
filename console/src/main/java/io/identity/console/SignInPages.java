package io.identity.console;

import io.identity.console.Api.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages anyone reaches: sign in (with a password or through a provider), sign up, forgot password by email or
 * by security questions. The pages the emailed links open are {@link LinkPages}.
 */
@Controller
class SignInPages {

    private final Api api;
    private final Pages pages;
    private final PublicForm publicForm;
    private final ConsoleLinks links;
    private final SecondFactorStep secondFactor;

    SignInPages(Api api, Pages pages, PublicForm publicForm, ConsoleLinks links, SecondFactorStep secondFactor) {
        this.secondFactor = secondFactor;
        this.api = api;
        this.pages = pages;
        this.publicForm = publicForm;
        this.links = links;
    }

    @GetMapping("/")
    ResponseEntity<String> home(Visit visit) {
        return Pages.redirect(visit.signedIn() ? "/account" : "/login");
    }

    @GetMapping("/login")
    ResponseEntity<String> login(
            Visit visit,
            @RequestParam(required = false) String done,
            @RequestParam(name = "continue", required = false) String next) {
        var model = new HashMap<String, Object>();
        model.put("done", done == null ? "" : done);
        var continueTo = Continuation.authorization(next);
        model.put("continueTo", continueTo);
        var hint = Continuation.loginHint(continueTo);
        if (hint != null) {
            model.put("login", hint);
        }
        return loginPage(HttpStatus.OK, visit, model);
    }

    private ResponseEntity<String> loginPage(HttpStatus status, Visit visit, Map<String, Object> extra) {
        var providers = new ArrayList<Map<String, String>>();
        var listed = api.get(Side.COMMAND, "/api/v1/auth/oauth/providers", null);
        var names = new ProviderNames(listed);
        listed.body().path("items").forEach(item -> {
            var id = item.path("id").asString();
            providers.add(Map.of(
                    "id",
                    id,
                    "name",
                    names.of(id),
                    "href",
                    "/api/v1/auth/oauth/" + Urls.encode(id) + "/authorize?redirect_uri="
                            + Urls.encode(links.signedInThroughProvider()) + "&state="
                            + Urls.encode(visit.csrf())));
        });
        var model = new HashMap<String, Object>(extra);
        model.put("providers", providers);
        return pages.render(status, "login", model, visit);
    }

    @PostMapping("/login")
    ResponseEntity<String> signIn(
            Visit visit,
            @RequestParam(defaultValue = "") String login,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "continue", required = false) String next) {
        var answer = api.send("POST", "/api/v1/auth/login", Map.of("login", login, "password", password), visit);
        var then = Continuation.authorization(next);
        if (answer.status() == 403 && "mfa_required".equals(answer.code())) {
            return secondFactor.ask(visit, answer.body(), then, Map.of());
        }
        if (!answer.ok()) {
            var model = Forms.failed(answer, Map.of("login", login));
            model.put("continueTo", then);
            return loginPage(HttpStatus.valueOf(answer.status()), visit, model);
        }
        start(visit, answer);
        return Pages.redirect(then != null ? then : "/account");
    }

    /** The one-time code a provider sign-in ended with, exchanged for the browser's tokens. */
    @GetMapping("/oauth/complete")
    ResponseEntity<String> providerSignIn(
            Visit visit,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error) {
        if (error != null || code == null || state == null || !state.equals(visit.csrf())) {
            // the provider's (or anyone's) words are never shown: a fixed message per known code
            return loginPage(HttpStatus.BAD_REQUEST, visit, Map.of("problemKey", ErrorMessages.key("signIn", error)));
        }
        var answer = api.send("POST", "/api/v1/auth/oauth/token", Map.of("code", code), visit);
        if (answer.status() == 403 && "mfa_required".equals(answer.code())) {
            // the provider's sign-in stands for the password: the second factor follows as after one
            return secondFactor.ask(visit, answer.body(), null, Map.of());
        }
        if (!answer.ok()) {
            return loginPage(HttpStatus.BAD_REQUEST, visit, Forms.failed(answer, Map.of()));
        }
        start(visit, answer);
        return Pages.redirect("/account");
    }

    /** The browser is signed in with the tokens of a sign-in's answer. */
    static void start(Visit visit, Api.Answer tokens) {
        visit.signIn(new ConsoleSession(
                tokens.body().path("access_token").asString(),
                tokens.body().path("refresh_token").asString(),
                tokens.body().path("session_id").asString(),
                tokens.position() == null ? null : Long.parseLong(tokens.position())));
    }

    @PostMapping("/logout")
    ResponseEntity<String> signOut(Visit visit) {
        if (visit.signedIn()) {
            api.send("POST", "/api/v1/auth/logout", null, visit);
        }
        visit.signOut();
        return Pages.redirect("/login?done=signed-out");
    }

    @GetMapping("/signup")
    ResponseEntity<String> signupForm(Visit visit) {
        return pages.render("signup", Map.of(), visit);
    }

    @PostMapping("/signup")
    ResponseEntity<String> signup(Visit visit, @RequestParam Map<String, String> form) {
        var body = new LinkedHashMap<String, Object>();
        body.put("username", form.getOrDefault("username", ""));
        body.put("email", form.getOrDefault("email", ""));
        body.put("password", form.getOrDefault("password", ""));
        body.put("displayName", Forms.blankToNull(form.get("displayName")));
        if (Forms.blankToNull(form.get("company.name")) != null) {
            body.put(
                    "company",
                    Map.of(
                            "name",
                            form.get("company.name"),
                            "description",
                            form.getOrDefault("company.description", "")));
        }
        return publicForm.submit(
                visit,
                "/api/v1/registrations",
                body,
                "signup",
                Forms.echo(form),
                () -> Pages.redirect("/login?done=registered"));
    }

    @GetMapping("/forgot-password")
    ResponseEntity<String> forgotForm(Visit visit) {
        return pages.render("forgot-password", Map.of(), visit);
    }

    @PostMapping("/forgot-password")
    ResponseEntity<String> forgot(Visit visit, @RequestParam(defaultValue = "") String email) {
        return publicForm.submit(
                visit,
                "/api/v1/password-reset",
                Map.of("email", email),
                "forgot-password",
                Map.of("email", email),
                () -> pages.message("forgot.sent", visit));
    }

    /** Security questions, step one: the questions of a login (a decoy set for unknown ones). */
    @PostMapping("/forgot-password/questions")
    ResponseEntity<String> questions(Visit visit, @RequestParam(defaultValue = "") String login) {
        var answer = api.send("POST", "/api/v1/password-reset/questions", Map.of("login", login), visit);
        if (!answer.ok()) {
            return pages.render(
                    HttpStatus.valueOf(answer.status()),
                    "forgot-password",
                    Forms.failed(answer, Map.of("login", login)),
                    visit);
        }
        var questions = new ArrayList<String>();
        answer.body().path("questions").forEach(question -> questions.add(question.asString()));
        return pages.render("answer-questions", Map.of("login", login, "questions", questions), visit);
    }

    /** Step two: the answers and a new password. */
    @PostMapping("/forgot-password/answers")
    ResponseEntity<String> answers(
            Visit visit,
            @RequestParam(defaultValue = "") String login,
            @RequestParam(name = "answer", required = false) List<String> answers,
            @RequestParam(name = "question", required = false) List<String> questions,
            @RequestParam(defaultValue = "") String newPassword) {
        var given = answers == null ? List.<String>of() : answers;
        var answer = api.send(
                "POST",
                "/api/v1/password-reset/answers",
                Map.of("login", login, "answers", given, "newPassword", newPassword),
                visit);
        if (!answer.ok()) {
            var model = Forms.failed(answer, Map.of("login", login));
            model.put("questions", questions == null ? List.of() : questions);
            return pages.render(HttpStatus.valueOf(answer.status()), "answer-questions", model, visit);
        }
        return Pages.redirect("/login?done=password-reset");
    }
}
