package io.identity.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.command.credential.PasswordHasher;
import io.identity.support.test.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LoginThrottleApiTest extends CommandSideTest {

    @Autowired
    private PasswordHasher hasher;

    private Http.Response attempt(String login, String password) {
        return http.post("/api/v1/auth/login", Map.of("login", login, "password", password));
    }

    private String userIdOf(String username) {
        return jdbc.queryForObject("SELECT user_id::text FROM accounts WHERE username = ?", String.class, username);
    }

    @Test
    void theSixthAttemptAfterFiveFailuresIsRefusedEvenWithTheRightPassword() {
        var name = unique("thr");
        register(name);
        var streamLength = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, userIdOf(name));
        for (int i = 1; i <= 5; i++) {
            var failed = attempt(i % 2 == 0 ? name : name + "@example.com", "wrong password " + i);
            assertThat(failed.status()).as("failure %d", i).isEqualTo(401);
            assertThat(failed.json().path("code").asString()).isEqualTo("invalid_credentials");
        }
        var refused = attempt(name, PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("code").asString()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(55L, 61L);

        var token =
                http.form("/oauth2/token", "grant_type=password&username=" + name + "&password=correct+horse+battery");
        assertThat(token.status()).as("one counter covers every password check").isEqualTo(429);
        assertThat(token.json().path("error").asString()).isEqualTo("too_many_attempts");
        assertThat(token.header("Retry-After")).isNotNull();

        var userId = userIdOf(name);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                                + "'io.identity.events.security.LoginFailed' AND convert_from(payload, 'UTF8')::jsonb->>'userId' = ?",
                        Long.class,
                        userId))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                                + "'io.identity.events.security.LoginThrottled' AND convert_from(payload, 'UTF8')::jsonb->>'userId' = ?",
                        Long.class,
                        userId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, userId))
                .as("the user's own stream does not grow")
                .isEqualTo(streamLength);
    }

    /** The work done, and so the time taken, tells nothing of whether the name has an account. */
    @Test
    void aLoginWithoutAPasswordCostsAKnownNameWhatItCostsAnUnknownOne() {
        var name = unique("nopw");
        register(name);
        var hashes = new long[2];
        var answers = new String[2];
        var logins = new String[] {name, "nobody-" + UUID.randomUUID()};
        for (int i = 0; i < 2; i++) {
            var before = hasher.done();
            var response = http.post("/api/v1/auth/login", Map.of("login", logins[i]));
            hashes[i] = hasher.done() - before;
            answers[i] = response.status() + " " + response.json().path("code").asString();
        }
        assertThat(answers[0]).isEqualTo(answers[1]).isEqualTo("401 invalid_credentials");
        assertThat(hashes[0]).as("hashes for a known name").isEqualTo(hashes[1]).isEqualTo(1);
    }

    @Test
    void theWaitDoublesAfterEachFurtherFailureAndASuccessClearsIt() {
        var name = unique("dbl");
        register(name);
        for (int i = 0; i < 5; i++) {
            attempt(name, "wrong password");
        }
        var subject = "user:" + userIdOf(name);
        waitOut(subject);
        assertThat(attempt(name, "wrong again").status()).isEqualTo(401);
        assertThat(Long.parseLong(attempt(name, PASSWORD).header("Retry-After")))
                .isBetween(115L, 121L);
        waitOut(subject);
        assertThat(attempt(name, "wrong again").status()).isEqualTo(401);
        assertThat(Long.parseLong(attempt(name, PASSWORD).header("Retry-After")))
                .isBetween(235L, 241L);

        waitOut(subject);
        assertThat(attempt(name, PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM throttle WHERE subject = ?", Long.class, subject))
                .isZero();
        assertThat(attempt(name, "wrong once more").status())
                .as("counting starts over")
                .isEqualTo(401);
        assertThat(attempt(name, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void unknownNamesAreThrottledAlikeWithoutStoringWhatWasTyped() {
        var name = "nobody-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertThat(attempt(name, "guess " + i).status()).isEqualTo(401);
        }
        assertThat(attempt(name, "guess 6").status()).isEqualTo(429);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM throttle WHERE subject LIKE ?", Long.class, "%" + name + "%"))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE "
                                + "position(? in convert_from(payload, 'UTF8')) > 0",
                        Long.class,
                        name))
                .isZero();
    }

    @Test
    void theHourIsTheLongestWait() {
        var name = unique("cap");
        register(name);
        var subject = "user:" + userIdOf(name);
        jdbc.update(
                "INSERT INTO throttle (scope, subject, failures, locked_until, updated_at) "
                        + "VALUES ('login', ?, 40, now() - interval '1 second', now())",
                subject);
        assertThat(attempt(name, "wrong").status()).isEqualTo(401);
        assertThat(Long.parseLong(attempt(name, PASSWORD).header("Retry-After")))
                .isBetween(3595L, 3601L);
    }

    /**
     * A stolen access token is no way to guess the password behind it: every endpoint that asks the current
     * password again counts its failures in the account's sign-in counter, and once it is locked they all answer
     * {@code 429}, as sign-in does, even with the right password.
     */
    @Test
    void currentPasswordChecksCountInTheSignInThrottle() {
        var name = unique("cur");
        register(name);
        var bearer = "Bearer " + login(name).json().path("access_token").asString();
        var checks = List.<Function<String, Http.Response>>of(
                password -> http.post(
                        "/api/v1/users/me/password",
                        Map.of("currentPassword", password, "newPassword", "another horse battery"),
                        "Authorization",
                        bearer),
                password -> http.post(
                        "/api/v1/users/me/email",
                        Map.of("currentPassword", password, "newEmail", name + "@example.org"),
                        "Authorization",
                        bearer),
                password -> http.post(
                        "/api/v1/users/me/erase", Map.of("currentPassword", password), "Authorization", bearer),
                password -> http.deleteWithBody(
                        "/api/v1/users/me", Map.of("currentPassword", password), "Authorization", bearer),
                password -> http.put(
                        "/api/v1/users/me/security-questions",
                        Map.of("currentPassword", password, "questions", List.of()),
                        "Authorization",
                        bearer));
        for (int i = 0; i < 5; i++) {
            var failed = checks.get(i).apply("wrong password " + i);
            assertThat(failed.status()).as("failure %d", i + 1).isEqualTo(400);
            assertThat(failed.json().path("code").asString()).isEqualTo("invalid_credentials");
        }
        for (var check : checks) {
            var refused = check.apply(PASSWORD);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().path("code").asString()).isEqualTo("too_many_attempts");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(55L, 61L);
        }
        assertThat(attempt(name, PASSWORD).status())
                .as("sign-in shares the counter")
                .isEqualTo(429);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                                + "'io.identity.events.security.LoginFailed' AND convert_from(payload, 'UTF8')::jsonb->>'channel' = "
                                + "'CURRENT_PASSWORD' AND convert_from(payload, 'UTF8')::jsonb->>'userId' = ?",
                        Long.class,
                        userIdOf(name)))
                .isEqualTo(5);

        waitOut("user:" + userIdOf(name));
        assertThat(checks.get(0).apply(PASSWORD).status())
                .as("the right password after the wait")
                .isEqualTo(204);
    }

    /** Stands in for waiting out the lock. */
    private void waitOut(String subject) {
        jdbc.update("UPDATE throttle SET locked_until = now() - interval '1 second' WHERE subject = ?", subject);
    }
}
