package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.auth.SigningKeys;
import io.identity.command.auth.TokenIssuer;
import io.identity.command.user.Accounts;
import io.identity.support.crypto.MasterKey;
import io.identity.support.test.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two tabs of one browser whose access token expired ask for pages at once, on two command-side instances: the
 * session's tokens are renewed once, every request uses that renewal, and the session lives on (presenting the
 * consumed refresh token again would have ended it: reuse detection).
 */
class ConsoleRenewalTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String SESSION_CONTEXT = "console-session";
    private final RunningSystem system = RunningSystem.get();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void concurrentPagesOfOneSessionWithAnExpiredAccessTokenRenewItOnceAndItStaysAlive() throws Exception {
        var name = "tabs" + UUID.randomUUID().toString().substring(0, 8);
        var userId = system.command
                .post(
                        "/api/v1/registrations",
                        Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                .json()
                .path("userId")
                .asString();
        var login = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json();
        var sessionId = login.path("session_id").asString();
        var refresh = login.path("refresh_token").asString();
        var key = system.commandContext.getBean(MasterKey.class);
        var account = system.commandContext
                .getBean(Accounts.class)
                .byId(UUID.fromString(userId))
                .orElseThrow();
        // a genuine access token of this session, signed by the service, that expired 45 minutes ago
        var expired = new TokenIssuer(
                        system.commandContext.getBean(SigningKeys.class)::signingKey,
                        Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)),
                        system.publicUrl,
                        Duration.ofMinutes(15))
                .issue(account, UUID.fromString(sessionId));
        assertThat(system.query
                        .get("/api/v1/users/me", "Authorization", "Bearer " + expired)
                        .status())
                .as("expired")
                .isEqualTo(401);

        var second = system.startCommandSide();
        var pool = Executors.newFixedThreadPool(4);
        try {
            var bases = List.of(
                    system.publicUrl,
                    system.publicUrl,
                    "http://localhost:" + second.getEnvironment().getProperty("local.server.port"),
                    "http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
            for (int round = 0; round < 3; round++) {
                var cookie = "identity_session=" + seal(key, Map.of("a", expired, "r", refresh, "s", sessionId));
                var start = new CountDownLatch(1);
                var tabs = new ArrayList<Callable<HttpResponse<String>>>();
                for (var base : bases) {
                    tabs.add(() -> {
                        start.await();
                        return client.send(
                                HttpRequest.newBuilder(URI.create(base + "/account"))
                                        .header("Cookie", cookie)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                    });
                }
                var futures = tabs.stream().map(pool::submit).toList();
                start.countDown();
                var renewed = new HashSet<String>();
                for (var future : futures) {
                    var page = future.get();
                    assertThat(page.statusCode())
                            .as("round %d: %s", round, page.headers().map())
                            .isEqualTo(200);
                    assertThat(page.body()).contains("Your profile").contains(name);
                    page.headers().allValues("Set-Cookie").stream()
                            .filter(set -> set.startsWith("identity_session="))
                            .forEach(set -> renewed.add(open(key, set.substring(17, set.indexOf(';')))
                                    .path("r")
                                    .asString()));
                }
                assertThat(renewed).as("one renewal, shared by every tab").hasSize(1);
                assertThat(renewed).doesNotContain(refresh);
                refresh = renewed.iterator().next();
            }
        } finally {
            pool.shutdownNow();
            second.close();
        }

        var jdbc = system.commandContext.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM events.domain_event_entry WHERE aggregate_identifier = ? "
                                + "AND payload_type LIKE '%SessionEnded'",
                        Long.class, sessionId))
                .as("the session never ended")
                .isZero();
        assertThat(system.command
                        .post("/api/v1/auth/refresh", Map.of("refresh_token", refresh))
                        .status())
                .as("the newest renewal's refresh token works: the session is alive")
                .isEqualTo(200);
    }

    /** A console session cookie, as the console seals it. */
    private static String seal(MasterKey key, Map<String, String> session) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.seal(
                        Http.JSON.writeValueAsString(session).getBytes(StandardCharsets.UTF_8), SESSION_CONTEXT));
    }

    private static JsonNode open(MasterKey key, String cookie) {
        return Http.JSON.readTree(
                new String(key.open(Base64.getUrlDecoder().decode(cookie), SESSION_CONTEXT), StandardCharsets.UTF_8));
    }
}
