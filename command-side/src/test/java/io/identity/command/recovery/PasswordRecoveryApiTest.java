package io.identity.command.recovery;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.TestSmtp;
import io.identity.command.credential.PasswordHasher;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PasswordRecoveryApiTest extends CommandSideTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    private record Session(String access, String refresh) {}

    private String newUser() {
        var name = unique("rec");
        assertThat(register(name).status()).isEqualTo(201);
        return name;
    }

    private Session signIn(String login, String password) {
        var response = http.post("/api/v1/auth/login", Map.of("login", login, "password", password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new Session(
                response.json().path("access_token").asString(),
                response.json().path("refresh_token").asString());
    }

    private int refresh(Session session) {
        return http.post("/api/v1/auth/refresh", Map.of("refresh_token", session.refresh()))
                .status();
    }

    private int login(String name, String password) {
        return http.post("/api/v1/auth/login", Map.of("login", name, "password", password))
                .status();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        var name = newUser();
        var here = signIn(name, PASSWORD);
        var elsewhere = signIn(name, PASSWORD);

        var wrong = http.post(
                "/api/v1/users/me/password",
                Map.of("currentPassword", "not it at all", "newPassword", NEW_PASSWORD),
                bearer(here.access()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");
        var weak = http.post(
                "/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "password123"),
                bearer(here.access()));
        assertThat(weak.json().path("code").asString()).isEqualTo("weak_password");
        assertThat(http.post(
                                "/api/v1/users/me/password",
                                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                        .status())
                .isEqualTo(401);

        var changed = http.post(
                "/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD),
                bearer(here.access()));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(changed.header("X-Event-Position")).isNotNull();
        assertThat(login(name, PASSWORD)).isEqualTo(401);
        assertThat(login(name, NEW_PASSWORD)).isEqualTo(200);
        assertThat(refresh(elsewhere)).isEqualTo(401);
        assertThat(refresh(here)).as("the session that changed it lives on").isEqualTo(200);
    }

    @Test
    void aResetLinkWorksOnceOnlyNewestAndEndsEverySession() throws Exception {
        var name = newUser();
        var email = name + "@example.com";
        var session = signIn(name, PASSWORD);
        assertThat(http.post("/api/v1/password-reset", Map.of("email", email.toUpperCase()))
                        .status())
                .isEqualTo(202);
        var first = TestSmtp.linkToken(TestSmtp.awaitMessages(email, 2).get(1), "/reset-password");
        assertThat(http.post("/api/v1/password-reset", Map.of("email", email)).status())
                .isEqualTo(202);
        var second = TestSmtp.linkToken(TestSmtp.awaitMessages(email, 3).get(2), "/reset-password");

        var voided = http.post("/api/v1/password-reset/confirm", Map.of("token", first, "newPassword", NEW_PASSWORD));
        assertThat(voided.status()).isEqualTo(400);
        assertThat(voided.json().path("code").asString()).isEqualTo("invalid_token");
        var weak = http.post("/api/v1/password-reset/confirm", Map.of("token", second, "newPassword", name + "!!!!!"));
        assertThat(weak.json().path("code").asString()).isEqualTo("weak_password");

        assertThat(http.post("/api/v1/password-reset/confirm", Map.of("token", second, "newPassword", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);
        assertThat(http.post(
                                "/api/v1/password-reset/confirm",
                                Map.of("token", second, "newPassword", "yet another passphrase"))
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("invalid_token");
        assertThat(refresh(session)).isEqualTo(401);
        assertThat(login(name, NEW_PASSWORD)).isEqualTo(200);
        assertThat(http.post("/api/v1/password-reset/confirm", Map.of("token", "made-up", "newPassword", NEW_PASSWORD))
                        .status())
                .isEqualTo(400);
        var done = TestSmtp.awaitMessages(email, 4).get(3);
        assertThat(done.getSubject())
                .as("the reset is confirmed by mail")
                .isEqualTo("Your password for Identity was reset");
        assertThat(TestSmtp.part(done, "text/plain")).contains("No provider is linked");
    }

    @Test
    void theResetMailSpeaksTheLanguageTheUserChose() throws Exception {
        var name = newUser();
        var session = signIn(name, PASSWORD);
        assertThat(http.patch("/api/v1/users/me/settings", Map.of("locale", "de-AT"), bearer(session.access()))
                        .status())
                .isEqualTo(204);
        http.post("/api/v1/password-reset", Map.of("email", name + "@example.com"), "Accept-Language", "en-US");
        var mail = TestSmtp.awaitMessages(name + "@example.com", 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("Setzen Sie Ihr Passwort für Identity zurück");
    }

    @Test
    void unknownAddressesGetTheSameAnswerAndNoMail() {
        var ghost = "ghost-" + UUID.randomUUID() + "@example.com";
        var response = http.post("/api/v1/password-reset", Map.of("email", ghost));
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(http.post("/api/v1/password-reset", Map.of("email", "not an address"))
                        .status())
                .isEqualTo(400);
        var name = newUser();
        http.post("/api/v1/password-reset", Map.of("email", name + "@example.com"));
        TestSmtp.awaitMessages(name + "@example.com", 2);
        assertThat(TestSmtp.messagesTo(ghost)).isEmpty();
    }

    @Test
    void securityQuestionsResetThePasswordWhenEveryAnswerMatches() {
        var name = newUser();
        var session = signIn(name, PASSWORD);
        var questions = List.of(
                Map.of("question", "First pet?", "answer", "Rex"),
                Map.of("question", "Birth city?", "answer", "  New   York "),
                Map.of("question", "First car?", "answer", "Mini"));
        assertThat(http.put(
                                "/api/v1/users/me/security-questions",
                                Map.of("currentPassword", "wrong one here", "questions", questions),
                                bearer(session.access()))
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("invalid_credentials");
        assertThat(http.put(
                                "/api/v1/users/me/security-questions",
                                Map.of("currentPassword", PASSWORD, "questions", questions.subList(0, 2)),
                                bearer(session.access()))
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("validation_failed");
        assertThat(http.put(
                                "/api/v1/users/me/security-questions",
                                Map.of("currentPassword", PASSWORD, "questions", questions),
                                bearer(session.access()))
                        .status())
                .isEqualTo(204);

        var asked = http.post("/api/v1/password-reset/questions", Map.of("login", name.toUpperCase()));
        assertThat(asked.json().path("questions").toString())
                .isEqualTo("[\"First pet?\",\"Birth city?\",\"First car?\"]");
        var wrong = http.post(
                "/api/v1/password-reset/answers",
                Map.of("login", name, "answers", List.of("rex", "new york", "Fiat"), "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("code").asString()).isEqualTo("invalid_credentials");
        var right = http.post(
                "/api/v1/password-reset/answers",
                Map.of(
                        "login",
                        name + "@example.com",
                        "answers",
                        List.of(" REX", "new york", "mini "),
                        "newPassword",
                        NEW_PASSWORD));
        assertThat(right.status()).isEqualTo(204);
        assertThat(refresh(session)).isEqualTo(401);
        assertThat(login(name, NEW_PASSWORD)).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE position(? in "
                                + "convert_from(payload, 'UTF8')) > 0",
                        Long.class,
                        "New   York"))
                .as("answers are hashed")
                .isZero();
    }

    @Test
    void unknownAndUnenrolledLoginsGetStableDecoysAndFailAlike() {
        var ghost = "ghost" + UUID.randomUUID().toString().substring(0, 8);
        var decoys = http.post("/api/v1/password-reset/questions", Map.of("login", ghost))
                .json()
                .path("questions");
        assertThat(decoys.size()).isEqualTo(3);
        assertThat(http.post("/api/v1/password-reset/questions", Map.of("login", ghost))
                        .json()
                        .path("questions"))
                .isEqualTo(decoys);
        var unenrolled = newUser();
        assertThat(http.post("/api/v1/password-reset/questions", Map.of("login", unenrolled))
                        .json()
                        .path("questions")
                        .size())
                .isEqualTo(3);
        var answer = http.post(
                "/api/v1/password-reset/answers",
                Map.of("login", ghost, "answers", List.of("a", "b", "c"), "newPassword", NEW_PASSWORD));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("invalid_credentials");
    }

    @Test
    void theSixthAnswerAttemptAfterFiveFailuresIsRefused() {
        var name = newUser();
        var session = signIn(name, PASSWORD);
        http.put(
                "/api/v1/users/me/security-questions",
                Map.of(
                        "currentPassword",
                        PASSWORD,
                        "questions",
                        List.of(
                                Map.of("question", "q1", "answer", "a1"),
                                Map.of("question", "q2", "answer", "a2"),
                                Map.of("question", "q3", "answer", "a3"))),
                bearer(session.access()));
        for (int i = 0; i < 5; i++) {
            assertThat(http.post(
                                    "/api/v1/password-reset/answers",
                                    Map.of(
                                            "login",
                                            name,
                                            "answers",
                                            List.of("x", "y", "z"),
                                            "newPassword",
                                            NEW_PASSWORD))
                            .status())
                    .isEqualTo(400);
        }
        var refused = http.post(
                "/api/v1/password-reset/answers",
                Map.of("login", name, "answers", List.of("a1", "a2", "a3"), "newPassword", NEW_PASSWORD));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("code").asString()).isEqualTo("too_many_attempts");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(login(name, PASSWORD)).as("sign-in keeps its own counter").isEqualTo(200);
    }

    @Test
    void aHashOfAnotherCostIsRenewedAtSignIn() {
        var name = newUser();
        jdbc.update(
                "UPDATE accounts SET password_hash = ? WHERE username = ?",
                new PasswordHasher(PEPPER, 5).hash(PASSWORD),
                name);
        assertThat(login(name, PASSWORD)).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM accounts WHERE username = ?", String.class, name))
                .startsWith("$2a$04$");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry e JOIN accounts a "
                                + "ON e.aggregate_identifier = a.user_id::text WHERE a.username = ? "
                                + "AND e.payload_type = 'io.identity.events.user.PasswordRehashed'",
                        Long.class,
                        name))
                .isEqualTo(1);
        assertThat(login(name, PASSWORD)).isEqualTo(200);
    }

    @Test
    void noPasswordTokenOrAnswerIsStoredOrLogged(CapturedOutput output) {
        var name = newUser();
        var email = name + "@example.com";
        var session = signIn(name, PASSWORD);
        var answer = "unforgettable-" + UUID.randomUUID();
        http.put(
                "/api/v1/users/me/security-questions",
                Map.of(
                        "currentPassword",
                        PASSWORD,
                        "questions",
                        List.of(
                                Map.of("question", "q1", "answer", answer),
                                Map.of("question", "q2", "answer", answer + "2"),
                                Map.of("question", "q3", "answer", answer + "3"))),
                bearer(session.access()));
        http.post("/api/v1/password-reset", Map.of("email", email));
        var token = TestSmtp.linkToken(TestSmtp.awaitMessages(email, 2).get(1), "/reset-password");
        assertThat(http.post("/api/v1/password-reset/confirm", Map.of("token", token, "newPassword", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);
        var secrets = List.of(PASSWORD, NEW_PASSWORD, token, answer);
        for (var secret : secrets) {
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM domain_event_entry WHERE position(? in "
                                    + "convert_from(payload, 'UTF8') || coalesce(convert_from(meta_data, 'UTF8'), '')) > 0",
                            Long.class,
                            secret))
                    .as("events hold no secret")
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND "
                                    + "position(? in model::text || coalesce(secrets::text, '')) > 0",
                            Long.class,
                            secret))
                    .as("sent mail keeps no secret")
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM security_questions WHERE position(? in questions) > 0",
                            Long.class,
                            secret))
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM accounts WHERE position(? in password_hash) > 0", Long.class, secret))
                    .isZero();
            assertThat(output.getAll()).as("logs hold no secret").doesNotContain(secret);
        }
    }
}
