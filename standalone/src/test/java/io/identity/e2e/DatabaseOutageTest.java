package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load, as in a restart (every connection cut, new ones refused for a while): both
 * sides recover by themselves within 30 s of its return, and every change acknowledged before, during or after
 * the outage is stored once.
 */
class DatabaseOutageTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void bothSidesRecoverAndNoAcknowledgedChangeIsLost() throws Exception {
        var system = RunningSystem.get();
        var users = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var name = "pg" + UUID.randomUUID().toString().substring(0, 8);
            system.command.post("/api/v1/registrations", Map.of("username", name, "email", name + "@example.com",
                    "password", PASSWORD));
            users.add("Bearer " + system.command.post("/api/v1/auth/login", Map.of("login", name,
                    "password", PASSWORD)).json().path("access_token").asString());
        }
        var acknowledged = new ConcurrentHashMap<String, Set<String>>();
        var stop = new AtomicBoolean();
        var lastSuccess = new AtomicLong();
        var pool = Executors.newFixedThreadPool(users.size());
        for (var user : users) {
            acknowledged.put(user, ConcurrentHashMap.newKeySet());
            pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    var bio = "change " + i;
                    try {
                        if (system.command.patch("/api/v1/users/me/profile", Map.of("bio", bio), "Authorization",
                                user).status() == 204) {
                            acknowledged.get(user).add(bio);
                            lastSuccess.set(System.nanoTime());
                        }
                    } catch (RuntimeException timeout) {
                        // the outcome of this one is unknown: it may or may not be stored, but only once
                    }
                }
            });
        }
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> lastSuccess.get() != 0)).isTrue();

        system.withDatabaseDown(Duration.ofSeconds(5));
        var back = System.nanoTime();
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> lastSuccess.get() > back))
                .as("the command side works again within 30 s").isTrue();
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        for (var user : users) {
            var change = system.command.patch("/api/v1/users/me/profile", Map.of("bio", "after the outage"),
                    "Authorization", user);
            assertThat(change.status()).isEqualTo(204);
            assertThat(Eventually.within(Duration.ofSeconds(30), () -> system.query.get("/api/v1/users/me",
                    "Authorization", user, "X-Min-Position", change.header("X-Event-Position")).status() == 200))
                    .as("the query side caught up again").isTrue();
            var export = system.query.get("/api/v1/users/me/export", "Authorization", user).json();
            var stored = new ArrayList<String>();
            export.path("history").forEach(item -> {
                if ("ProfileUpdated".equals(item.path("type").asString())) {
                    stored.add(item.path("data").path("changed").path("bio").asString());
                }
            });
            assertThat(stored).as("none twice").doesNotHaveDuplicates();
            assertThat(stored).as("every acknowledged change").containsAll(acknowledged.get(user))
                    .contains("after the outage");
        }
    }
}
