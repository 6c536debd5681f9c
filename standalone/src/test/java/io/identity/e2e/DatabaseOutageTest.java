package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
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
            system.command.post(
                    "/api/v1/registrations",
                    Map.of("username", name, "email", name + "@example.com", "password", PASSWORD));
            users.add("Bearer "
                    + system.command
                            .post("/api/v1/auth/login", Map.of("login", name, "password", PASSWORD))
                            .json()
                            .path("access_token")
                            .asString());
        }
        var load = ProfileChanges.start(system.command, users);
        assertThat(Eventually.within(Duration.ofSeconds(20), () -> load.lastSuccess() != 0))
                .isTrue();

        system.withDatabaseDown(Duration.ofSeconds(5));
        var back = System.nanoTime();
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> load.lastSuccess() > back))
                .as("the command side works again within 30 s")
                .isTrue();
        load.stop();

        for (var user : users) {
            var change = system.command.patch(
                    "/api/v1/users/me/profile", Map.of("bio", "after the outage"), "Authorization", user);
            assertThat(change.status()).isEqualTo(204);
            assertThat(Eventually.within(
                            Duration.ofSeconds(30),
                            () -> system.query
                                            .get(
                                                    "/api/v1/users/me",
                                                    "Authorization",
                                                    user,
                                                    "X-Min-Position",
                                                    change.header("X-Event-Position"))
                                            .status()
                                    == 200))
                    .as("the query side caught up again")
                    .isTrue();
            var stored = ProfileChanges.stored(system, user, "bio", change.header("X-Event-Position"));
            assertThat(stored).as("none twice").doesNotHaveDuplicates();
            assertThat(stored)
                    .as("every acknowledged change")
                    .containsAll(load.acknowledged(user))
                    .contains("after the outage");
        }
    }
}
