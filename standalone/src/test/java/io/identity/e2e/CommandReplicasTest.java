package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Http;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two command-side instances on one database, changing the same aggregate at once: the instances share nothing
 * but the event store, whose unique (aggregate, sequence) decides every race; a lost race is run again, so every
 * request succeeds and the query side sees every change once.
 */
class CommandReplicasTest {

    private static final String PASSWORD = "correct horse battery";

    private final RunningSystem system = RunningSystem.get();
    private ConfigurableApplicationContext second;
    private Http other;
    private ExecutorService pool;

    /** A second command-side instance on the same database, and threads to send to both at once. */
    @BeforeEach
    void startSecondInstance() {
        second = system.startCommandSide();
        other = new Http("http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopSecondInstance() {
        pool.shutdownNow();
        second.close();
    }

    @Test
    void changesOfOneUserThroughTwoInstancesAllLandOnce() throws Exception {
        var name = "rep" + UUID.randomUUID().toString().substring(0, 8);
        system.command.post(
                "/api/v1/registrations",
                Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
        var token = system.command
                .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                .json()
                .path("access_token")
                .asString();
        var answers = new ArrayList<Future<Http.Response>>();
        for (int i = 0; i < 30; i++) {
            var instance = i % 2 == 0 ? system.command : other;
            var phone = String.format("+4420794609%02d", i);
            answers.add(pool.submit((Callable<Http.Response>) () -> instance.patch(
                    "/api/v1/users/me/profile", Map.of("phone", phone), "Authorization", "Bearer " + token)));
        }
        long newest = 0;
        for (var answer : answers) {
            var response = answer.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(204);
            newest = Math.max(newest, Long.parseLong(response.header("X-Event-Position")));
        }
        var updates = ProfileChanges.stored(system, "Bearer " + token, "phone", Long.toString(newest));
        assertThat(updates).as("every change once").hasSize(30).doesNotHaveDuplicates();
        var current = system.query
                .get("/api/v1/users/me", "Authorization", "Bearer " + token)
                .json();
        assertThat(updates).contains(current.path("phone").asString());
    }

    /** Uniqueness holds across instances: the lookup table's unique index, written with the events, decides. */
    @Test
    void oneNameRegisteredThroughTwoInstancesAtOnceGivesOneAccount() throws Exception {
        var name = "twin" + UUID.randomUUID().toString().substring(0, 8);
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<Http.Response>>();
        for (int i = 0; i < 16; i++) {
            var instance = i % 2 == 0 ? system.command : other;
            var spelled = i % 4 < 2 ? name : name.toUpperCase(Locale.ROOT);
            var email = (i % 3 == 0 ? name : name + i) + "@example.com";
            answers.add(pool.submit((Callable<Http.Response>) () -> {
                start.await();
                return instance.post(
                        "/api/v1/registrations", Map.of("username", spelled, "email", email, "password", PASSWORD));
            }));
        }
        start.countDown();
        var created = 0;
        for (var answer : answers) {
            var response = answer.get();
            if (response.status() == 201) {
                created++;
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(409);
                assertThat(response.json().path("code").asString()).isIn("username_taken", "email_taken");
            }
        }
        assertThat(created).as("accounts made").isEqualTo(1);
    }
}
