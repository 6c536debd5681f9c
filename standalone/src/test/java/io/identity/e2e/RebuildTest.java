package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An operator rebuilds the users read model over HTTP while people change their profiles and read them: the new
 * model is switched in without one failed read, and the changes made meanwhile are all in it.
 */
class RebuildTest {

    private final RunningSystem system = RunningSystem.get();

    @Test
    void anOperatorRebuildsTheUsersModelWithoutAFailedRead() throws Exception {
        var operator = system.signIn(RunningSystem.OPERATOR);
        var users = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            users.add(system.signIn("rebuilt" + UUID.randomUUID().toString().substring(0, 8)));
        }
        assertThat(system.query
                        .post("/api/v1/admin/projections/users/rebuild", Map.of(), "Authorization", users.get(0))
                        .status())
                .as("nobody else may")
                .isEqualTo(403);
        assertThat(system.query
                        .post("/api/v1/admin/projections/audit/rebuild", Map.of(), "Authorization", operator)
                        .status())
                .as("the audit log is not rebuilt this way")
                .isEqualTo(404);

        // the readers start once the model holds both people (a read without X-Min-Position before that is
        // rightly told that the read side has not caught up)
        for (var user : users) {
            assertThat(Eventually.within(
                            Duration.ofSeconds(30),
                            () -> system.query
                                            .get("/api/v1/users/me", "Authorization", user)
                                            .status()
                                    == 200))
                    .isTrue();
        }
        // a steady load, not as fast as the machine goes: a rebuild switches in once it has caught up with the
        // head, which an unbounded load on two cores can keep out of reach
        var load = ProfileChanges.start(system.command, users, 25);
        var stop = new AtomicBoolean();
        var reads = new AtomicInteger();
        var failures = Collections.synchronizedList(new ArrayList<String>());
        var reader = new Thread(() -> {
            while (!stop.get()) {
                for (var user : users) {
                    var me = system.query.get("/api/v1/users/me", "Authorization", user);
                    if (me.status() != 200) {
                        failures.add(me.toString());
                    }
                    reads.incrementAndGet();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        reader.start();
        try {
            var started =
                    system.query.post("/api/v1/admin/projections/users/rebuild", Map.of(), "Authorization", operator);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            var location = started.header("Location");
            assertThat(location).endsWith("/api/v1/admin/projections/users/rebuild");
            assertThat(started.json().path("state").asString()).isEqualTo("RUNNING");
            assertThat(started.json().path("progress").path("projection").asString())
                    .isEqualTo("rebuild:users");
            assertThat(started.json().path("progress").path("head").asLong()).isPositive();

            assertThat(Eventually.within(
                            Duration.ofSeconds(90),
                            () -> "SWITCHED"
                                    .equals(system.query
                                            .get(location, "Authorization", operator)
                                            .json()
                                            .path("state")
                                            .asString())))
                    .as("switched in")
                    .isTrue();
            var readsAtSwitch = reads.get();
            assertThat(Eventually.within(
                            Duration.ofSeconds(30),
                            () -> reads.get() > readsAtSwitch + 20 && load.acknowledgedCount() > 0))
                    .isTrue();
        } finally {
            stop.set(true);
            reader.join();
            load.stop();
        }
        assertThat(failures).as("failed reads").isEmpty();

        var done = system.query
                .get("/api/v1/admin/projections/users/rebuild", "Authorization", operator)
                .json();
        assertThat(done.path("switchedAtPosition").asLong()).isPositive();
        assertThat(done.path("finishedAt").asString()).isNotBlank();
        // the projection goes on from where the rebuild was: a change after the switch is read back
        for (var user : users) {
            var changed = system.command.patch(
                    "/api/v1/users/me/profile", Map.of("bio", "after the rebuild"), "Authorization", user);
            assertThat(changed.status()).isEqualTo(204);
            var me = system.query.get(
                    "/api/v1/users/me", "Authorization", user, "X-Min-Position", changed.header("X-Event-Position"));
            assertThat(me.json().path("bio").asString()).isEqualTo("after the rebuild");
        }
    }
}
