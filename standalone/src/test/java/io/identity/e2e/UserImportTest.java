package io.identity.e2e;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Moving users in from another system, as an operator does it against the running system (§14): bcrypt, argon2id
 * and PBKDF2 users imported in one NDJSON upload sign in with their old passwords, the operators' search finds
 * them, and the same file sent again imports nothing.
 */
class UserImportTest {

    private static final String OLD_PASSWORD = "Grüße, correct horse";
    /** passlib's form, made with Python's hashlib: PBKDF2-HMAC-SHA-256 of {@link #OLD_PASSWORD}, 600,000 rounds. */
    private static final String PBKDF2 =
            "$pbkdf2-sha256$600000$MDEyMzQ1Njc4OWFiY2RlZg$gKllSLmEqTXVIcBmd33BIBiaOjGqJ/AjdFz38ZOk94I";

    private final RunningSystem system = RunningSystem.get();

    private static String line(String username, String hash) {
        var user = new LinkedHashMap<String, Object>();
        user.put("username", username);
        user.put("email", username + "@old.example.com");
        user.put("emailVerified", true);
        user.put("displayName", "Old " + username);
        user.put("passwordHash", hash);
        return Http.JSON.writeValueAsString(user);
    }

    private Http.Response upload(String ndjson, String[] auth) {
        return system.command.send(
                HttpRequest.newBuilder(URI.create(system.command.base() + "/api/v1/admin/users/import"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson)),
                auth);
    }

    @Test
    void importedUsersSignInWithTheirOldPasswordsAndASecondUploadSkipsThem() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var users = List.of("bc" + suffix, "ar" + suffix, "pb" + suffix);
        var file = String.join(
                        "\n",
                        line(users.get(0), new BCryptPasswordEncoder(5).encode(OLD_PASSWORD)),
                        line(users.get(1), new Argon2PasswordEncoder(16, 32, 1, 1 << 12, 2).encode(OLD_PASSWORD)),
                        line(users.get(2), PBKDF2),
                        "{not json")
                + "\n";
        var operator = bearer(system.command
                .post("/api/v1/auth/login", Map.of("login", RunningSystem.OPERATOR, "password", RunningSystem.PASSWORD))
                .json()
                .path("access_token")
                .asString());

        var first = upload(file, operator);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("imported").asLong()).isEqualTo(3);
        assertThat(first.json().path("errors").get(0).path("line").asInt()).isEqualTo(4);
        assertThat(first.json().path("errors").get(0).path("code").asString()).isEqualTo("malformed_line");

        for (var username : users) {
            var signedIn =
                    system.command.post("/api/v1/auth/login", Map.of("login", username, "password", OLD_PASSWORD));
            assertThat(signedIn.status()).as(username + ": " + signedIn.body()).isEqualTo(200);
        }
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> system.query
                                .get("/api/v1/admin/users?q=" + users.get(2), operator)
                                .body()
                                .contains(users.get(2) + "@old.example.com")))
                .as("the operators' search finds them")
                .isTrue();

        var again = upload(file, operator);
        assertThat(again.json().path("imported").asLong()).isZero();
        assertThat(again.json().path("skipped").asLong()).isEqualTo(3);
    }
}
