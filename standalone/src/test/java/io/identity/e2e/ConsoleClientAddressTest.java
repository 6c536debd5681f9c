package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideApplication;
import io.identity.support.crypto.MasterKey;
import io.identity.support.request.ClientAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The console tells the API the browser's address in a header sealed under the server's key, so its visitors
 * are told apart for rate limits and audit although every console call comes over loopback; an outside client's
 * header (forged, or sealed under another key) changes nothing. Browsers at 127.0.0.2 and 127.0.0.3 sign in
 * through a command-side instance with a per-address limit of 3 sign-in calls a minute.
 */
class ConsoleClientAddressTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int LIMIT = 3;
    private static ConfigurableApplicationContext limited;
    private static int port;
    private final RunningSystem system = RunningSystem.get();

    @BeforeAll
    static void startALimitedInstance() {
        var arguments = Arrays.stream(RunningSystem.get().commandArguments(0))
                .filter(argument -> !argument.startsWith("--identity.rate-limits.per-ip-per-minute="))
                .toArray(String[]::new);
        var all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = "--identity.rate-limits.per-ip-per-minute=" + LIMIT;
        limited = CommandSideApplication.builder().run(all);
        port = Integer.parseInt(limited.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        limited.close();
    }

    @Test
    void oneBrowserExhaustingItsSignInLimitLeavesAnotherServed() {
        var first = new FromAddress("127.0.0.2", port);
        var second = new FromAddress("127.0.0.3", port);
        for (int i = 0; i < LIMIT; i++) {
            var failed = first.form(
                    "/login", FromAddress.fields("login", "nobody-" + UUID.randomUUID(), "password", "wrong password"));
            assertThat(failed.status())
                    .as("attempt %d: %s", i + 1, failed.head())
                    .isEqualTo(401);
        }
        var limitedAnswer = first.form(
                "/login", FromAddress.fields("login", "nobody-" + UUID.randomUUID(), "password", "wrong password"));
        assertThat(limitedAnswer.status()).as("the first browser's own limit").isEqualTo(429);

        var name = "addr" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(system.command
                        .post(
                                "/api/v1/registrations",
                                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        var served = second.form("/login", FromAddress.fields("login", name, "password", PASSWORD));
        assertThat(served.status())
                .as("the other browser is still served: %s", served.head())
                .isEqualTo(303);
        assertThat(served.head()).contains("Location: /account");

        // the session the console opened records the browser's address, not the console's loopback
        var auth = system.command.post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD));
        var sessions = system.query.get(
                "/api/v1/users/me/sessions",
                "Authorization",
                "Bearer " + auth.json().path("access_token").asString(),
                "X-Min-Position",
                auth.header("X-Event-Position"));
        var addresses = new HashMap<String, String>();
        for (JsonNode session : sessions.json().path("items")) {
            addresses.put(
                    session.path("sessionId").asString(), session.path("ip").asString());
        }
        assertThat(addresses.values()).containsExactlyInAnyOrder("127.0.0.3", "127.0.0.1");
        assertThat(addresses.get(auth.json().path("session_id").asString())).isEqualTo("127.0.0.1");
    }

    @Test
    void aHeaderFromAnOutsideClientDoesNotChangeItsAddress() {
        var name = "forge" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(system.command
                        .post(
                                "/api/v1/registrations",
                                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        var guessed = new ClientAddress(new MasterKey("a guessed master key")).seal("203.0.113.9");
        for (var forged : new String[] {"203.0.113.9", guessed}) {
            var login = system.command.post(
                    "/api/v1/auth/login",
                    Map.of("login", name, "password", PASSWORD),
                    ClientAddress.HEADER,
                    forged,
                    "X-Forwarded-For",
                    "203.0.113.9");
            assertThat(login.status()).isEqualTo(200);
            var sessions = system.query.get(
                    "/api/v1/users/me/sessions",
                    "Authorization",
                    "Bearer " + login.json().path("access_token").asString(),
                    "X-Min-Position",
                    login.header("X-Event-Position"));
            for (JsonNode session : sessions.json().path("items")) {
                assertThat(session.path("ip").asString())
                        .as("forged %s", forged)
                        .isEqualTo("127.0.0.1");
            }
        }

        // nor does it lift a limit: a browser that used up its sign-in calls stays limited whatever it claims
        var exhausted = new FromAddress("127.0.0.4", port);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(exhausted.json("/api/v1/auth/login", "", attempt()).status())
                    .isEqualTo(401);
        }
        var claimed = exhausted.json(
                "/api/v1/auth/login",
                ClientAddress.HEADER + ": " + guessed + "\r\n" + "X-Forwarded-For: 203.0.113.10\r\n",
                attempt());
        assertThat(claimed.status()).as(claimed.head()).isEqualTo(429);
        assertThat(claimed.body()).contains("rate_limited");
    }

    /** A failing sign-in of a name never used before (so no name's own throttle counts). */
    private static String attempt() {
        return "{\"login\":\"nobody-" + UUID.randomUUID() + "\",\"password\":\"wrong password\"}";
    }
}
