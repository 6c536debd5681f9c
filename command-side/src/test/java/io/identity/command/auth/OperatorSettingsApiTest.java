package io.identity.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.crypto.MasterKey;
import io.identity.support.test.Http;
import io.identity.support.test.TestDatabase;
import io.identity.support.test.TestSecrets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A command side of its own, configured as an operator might: a tiny per-IP limit (reached in a few requests)
 * and security questions switched off.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=command-side",
            "identity.bcrypt-cost=4",
            "identity.rate-limits.per-ip-per-minute=3",
            "server.forward-headers-strategy=native",
            "identity.password-reset.security-questions.enabled=false"
        })
class OperatorSettingsApiTest {

    private static final String DATABASE = TestDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        TestSecrets.supply(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    private MasterKey masterKey;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void securityQuestionsSwitchedOffAreNotThere() {
        var http = new Http("http://localhost:" + port);
        assertThat(http.post("/api/v1/password-reset/questions", Map.of("login", "ada"))
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/password-reset/answers", Map.of("login", "ada"))
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("not_found");
        assertThat(http.put("/api/v1/users/me/security-questions", Map.of()).status())
                .isIn(401, 404);
    }

    @Test
    void eachGroupOfEndpointsHasItsOwnPerIpBudget() {
        var http = new Http("http://localhost:" + port);
        for (int i = 0; i < 3; i++) {
            var name = "rl" + UUID.randomUUID().toString().substring(0, 8);
            var created = http.post(
                    "/api/v1/registrations",
                    Map.of("username", name, "email", name + "@example.com", "password", "correct horse battery"));
            assertThat(created.status()).isEqualTo(201);
        }
        var limited = http.post("/api/v1/registrations", "{ not even json");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().path("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        var login = http.post("/api/v1/auth/login", Map.of("login", "someone", "password", "whatever it is"));
        assertThat(login.status()).as("another group, another budget").isEqualTo(401);
        assertThat(http.get("/.well-known/jwks.json").status())
                .as("reads are not limited")
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM rate_limit_buckets WHERE id LIKE 'registration:%'", Long.class))
                .isEqualTo(1);
    }

    /**
     * Sign-in, token, reset, verification and re-authentication requests each run out of their own budget, whatever they carry. Each
     * group's requests come from their own address (as forwarded by a proxy on the loopback), so that no other test
     * spends them.
     */
    @Test
    void everyLimitedGroupRunsOutOfItsBudget() {
        var http = new Http("http://localhost:" + port);
        var requests = Map.<String, Function<String, Http.Response>>of(
                "login",
                        from -> http.post(
                                "/api/v1/auth/login",
                                Map.of("login", unique(), "password", "not it"),
                                "X-Forwarded-For",
                                from),
                "token",
                        from -> http.form(
                                "/oauth2/token",
                                "grant_type=password&username=" + unique() + "&password=not+it",
                                "X-Forwarded-For",
                                from),
                "provider",
                        from -> http.form(
                                "/oauth2/introspect",
                                "token=" + unique(),
                                "Authorization",
                                "Basic " + Base64.getEncoder().encodeToString((unique() + ":guess").getBytes()),
                                "X-Forwarded-For",
                                from),
                "clients",
                        from -> http.post(
                                "/oauth2/register",
                                Map.of("redirect_uris", List.of("https://app.example.com/cb")),
                                "Authorization",
                                "Bearer " + unique(),
                                "X-Forwarded-For",
                                from),
                "reset",
                        from -> http.post(
                                "/api/v1/password-reset",
                                Map.of("email", unique() + "@example.com"),
                                "X-Forwarded-For",
                                from),
                "verification",
                        from -> http.post(
                                "/api/v1/email-verification", Map.of("token", "not-a-token"), "X-Forwarded-For", from),
                "reauthentication",
                        from -> http.post(
                                "/api/v1/users/me/password",
                                Map.of("currentPassword", "not it", "newPassword", "not it either"),
                                "X-Forwarded-For",
                                from));
        var address = new AtomicInteger(10);
        requests.forEach((group, request) -> {
            var from = "203.0.113." + address.incrementAndGet();
            var answered = 0;
            Http.Response response;
            while ((response = request.apply(from)).status() != 429) {
                assertThat(response.status()).as(group).isLessThan(500);
                answered++;
                assertThat(answered)
                        .as("%s: answered before its budget ran out", group)
                        .isLessThanOrEqualTo(3);
            }
            assertThat(response.json().path("code").asString()).as(group).isEqualTo("rate_limited");
            assertThat(response.header("Retry-After")).as(group).isNotNull();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM rate_limit_buckets WHERE id = ?",
                            Long.class,
                            group + ":" + masterKey.digest(from, "rate-limit")))
                    .as("%s: its bucket is kept by the address it came from", group)
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM rate_limit_buckets WHERE strpos(id, ?) > 0", Long.class, from))
                    .as("%s: but not under the address itself", group)
                    .isZero();
        });
    }

    private static String unique() {
        return "rl" + UUID.randomUUID().toString().substring(0, 8);
    }
}
