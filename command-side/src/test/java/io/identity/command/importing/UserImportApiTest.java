package io.identity.command.importing;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.PasswordRehashed;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.support.test.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class UserImportApiTest extends CommandSideTest {

    private static final String OLD_PASSWORD = "Grüße, correct horse";
    /** passlib's form, made with Python's hashlib: PBKDF2-HMAC-SHA-256 of {@link #OLD_PASSWORD}, 600,000 rounds. */
    private static final String PBKDF2 =
            "$pbkdf2-sha256$600000$MDEyMzQ1Njc4OWFiY2RlZg$gKllSLmEqTXVIcBmd33BIBiaOjGqJ/AjdFz38ZOk94I";

    private String[] operator;

    @BeforeEach
    void signInTheOperator() {
        operator();
        operator = bearer(login(OPERATOR).json().path("access_token").asString());
    }

    private Http.Response upload(String ndjson, String... auth) {
        return http.send(
                HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/admin/users/import"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson)),
                auth);
    }

    private static String line(String username, Object hash, Object... more) {
        var user = new LinkedHashMap<String, Object>();
        user.put("username", username);
        user.put("email", username + "@old.example.com");
        user.put("emailVerified", false);
        user.put("displayName", "Old " + username);
        if (hash != null) {
            user.put("passwordHash", hash);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            user.put((String) more[i], more[i + 1]);
        }
        return Http.JSON.writeValueAsString(user);
    }

    private String userId(String username) {
        return jdbc.queryForObject("SELECT user_id::text FROM accounts WHERE username = ?", String.class, username);
    }

    private String storedHash(String username) {
        return jdbc.queryForObject("SELECT password_hash FROM accounts WHERE username = ?", String.class, username);
    }

    private long count(String userId, Class<?> type) {
        return storedEvents(userId).stream()
                .filter(event -> type.isInstance(event.getPayload()))
                .count();
    }

    @Test
    void bcryptArgon2AndPbkdf2UsersSignInWithTheirOldPasswordWhichIsThenHashedOurWay() {
        var bcrypt = unique("bcrypt");
        var argon2 = unique("argon");
        var pbkdf2 = unique("pbkdf");
        var created = Instant.parse("2019-03-04T05:06:07Z");
        var body = String.join(
                "\n",
                line(
                        bcrypt,
                        "$2y$"
                                + new BCryptPasswordEncoder(5)
                                        .encode(OLD_PASSWORD)
                                        .substring(4)),
                line(
                        argon2,
                        new Argon2PasswordEncoder(16, 32, 1, 1 << 12, 2).encode(OLD_PASSWORD),
                        "emailVerified",
                        true),
                line(pbkdf2, PBKDF2, "createdAt", created.toString()));

        var imported = upload(body + "\n", operator);

        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().path("imported").asLong()).isEqualTo(3);
        assertThat(imported.json().path("skipped").asLong()).isZero();
        assertThat(imported.json().path("errors").size()).isZero();
        assertThat(imported.header("X-Event-Position")).isNotNull();
        assertThat(storedHash(bcrypt)).startsWith("{bcrypt}$2y$05$");
        assertThat(storedHash(argon2)).startsWith("$argon2id$v=19$m=4096,t=2,p=1$");
        assertThat(storedHash(pbkdf2)).isEqualTo(PBKDF2);
        var registered = lastEvent(userId(pbkdf2), UserRegistered.class);
        assertThat(registered.method()).isEqualTo(RegistrationMethod.IMPORT);
        assertThat(registered.registeredAt()).isEqualTo(created);
        assertThat(registered.displayName()).isEqualTo("Old " + pbkdf2);
        assertThat(count(userId(argon2), EmailVerified.class)).isOne();
        assertThat(count(userId(bcrypt), EmailVerified.class)).isZero();

        for (var username : List.of(bcrypt, argon2, pbkdf2)) {
            var userId = userId(username);
            var wrong = http.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(count(userId, PasswordRehashed.class)).isZero();

            var signedIn = http.post("/api/v1/auth/login", Map.of("login", username, "password", OLD_PASSWORD));
            assertThat(signedIn.status()).as(username + " " + signedIn).isEqualTo(200);
            assertThat(count(userId, PasswordRehashed.class)).isOne();
            assertThat(storedHash(username))
                    .as("ours: bcrypt of the peppered pre-hash at the configured cost")
                    .startsWith("$2a$04$");
            assertThat(lastEvent(userId, PasswordRehashed.class).passwordHash()).isEqualTo(storedHash(username));

            var again = http.post("/api/v1/auth/login", Map.of("login", username, "password", OLD_PASSWORD));
            assertThat(again.status()).isEqualTo(200);
            assertThat(count(userId, PasswordRehashed.class))
                    .as("re-hashed once")
                    .isOne();
        }
    }

    @Test
    void badLinesAreReportedByNumberWithACodeAndNothingOfThemIsStored() {
        var good = unique("good");
        var taken = unique("taken");
        var later = unique("later");
        var bad = new ArrayList<String>();
        for (int i = 0; i < 9; i++) {
            bad.add(unique("bad"));
        }
        var lines = List.of(
                line(good, null), // 1
                "{not json", // 2
                line("x", null), // 3: too short a username
                line(bad.get(0), null, "email", "not an address"), // 4
                line(bad.get(1), "$1$md5crypt$abcdefghijklmnopqrstuv"), // 5
                line(bad.get(2), null, "email", good + "@old.example.com"), // 6: line 1's address
                "", // 7: blank, passed over
                line(bad.get(3), null, "displayName", "x".repeat(20_000)), // 8: over the line limit
                line(bad.get(4), null, "createdAt", "yesterday"), // 9
                line(bad.get(5), null, "emailVerified", "yes"), // 10
                "[1, 2, 3]", // 11
                line(bad.get(6), 42), // 12
                line(
                        bad.get(7),
                        null,
                        "createdAt",
                        Instant.now().plusSeconds(3600).toString()), // 13
                line(taken, null, "email", OPERATOR + "@example.com"), // 14: an existing account's address
                line(later, null)); // 15

        var answer = upload(String.join("\r\n", lines), operator);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("imported").asLong()).isEqualTo(2);
        assertThat(answer.json().path("skipped").asLong()).isZero();
        assertThat(answer.json().path("failed").asLong()).isEqualTo(12);
        var errors = new ArrayList<String>();
        answer.json()
                .path("errors")
                .forEach(error -> errors.add(
                        error.path("line").asLong() + ":" + error.path("code").asString()));
        assertThat(errors)
                .containsExactly(
                        "2:malformed_line",
                        "3:invalid_username",
                        "4:invalid_email",
                        "5:unsupported_hash",
                        "6:email_taken",
                        "8:line_too_long",
                        "9:invalid_created_at",
                        "10:malformed_line",
                        "11:malformed_line",
                        "12:unsupported_hash",
                        "13:invalid_created_at",
                        "14:email_taken");
        assertThat(storedHash(good)).isNull();
        assertThat(userId(later)).isNotNull();
        for (var name : bad) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts WHERE username = ?", Long.class, name))
                    .isZero();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts WHERE username = ?", Long.class, taken))
                .isZero();
    }

    @Test
    void theSameFileTwiceImportsNothingTheSecondTime() {
        var prefix = unique("twice");
        var lines = new ArrayList<String>();
        // more lines than a batch, and more bytes than any other body may have
        for (int i = 0; i < 600; i++) {
            lines.add(line(prefix + "-" + i, null, "createdAt", "2020-01-01T00:00:00Z"));
        }
        var file = String.join("\n", lines) + "\n";
        assertThat(file.length()).isGreaterThan(64 * 1024);

        var first = upload(file, operator);
        var second = upload(file, operator);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("imported").asLong()).isEqualTo(600);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("imported").asLong()).isZero();
        assertThat(second.json().path("skipped").asLong()).isEqualTo(600);
        assertThat(second.json().path("errors").size()).isZero();
        assertThat(second.header("X-Event-Position")).isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM accounts WHERE username LIKE ?", Long.class, prefix + "-%"))
                .isEqualTo(600);
    }

    @Test
    void onlyOperatorsImport() {
        var name = unique("plain");
        register(name);
        var someone = bearer(login(name).json().path("access_token").asString());
        var refused = upload(line(unique("never"), null), someone);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(upload(line(unique("never"), null)).status()).isEqualTo(401);

        var tooLarge = upload("x".repeat(70 * 1024), someone);
        assertThat(tooLarge.status())
                .as("the body is not read for a caller who may not import")
                .isEqualTo(403);
    }

    @Test
    void otherBodiesKeepTheirLimit() {
        var big = http.post(
                "/api/v1/registrations",
                Map.of("username", unique("big"), "email", "big@example.com", "password", "x".repeat(70 * 1024)));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("code").asString()).isEqualTo("payload_too_large");
    }
}
