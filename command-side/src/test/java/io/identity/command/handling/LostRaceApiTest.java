package io.identity.command.handling;

import static io.identity.support.test.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideTest;
import io.identity.events.user.ProfileUpdated;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Commands on one aggregate at once: each loads the aggregate, the first to append wins the sequence number, and
 * the others lose the race on the event store's unique (aggregate, sequence). A lost race is run again with the
 * aggregate as it now is, so every request succeeds and every change is stored once, in one unbroken sequence.
 */
class LostRaceApiTest extends CommandSideTest {

    @Test
    void concurrentChangesOfOneAggregateAllSucceedAndAreStoredOnce() throws Exception {
        var name = unique("race");
        register(name);
        var auth = bearer(login(name).json().path("access_token").asString());
        var userId = jdbc.queryForObject("SELECT user_id FROM accounts WHERE username = ?", UUID.class, name);
        int changes = 24;
        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < changes; i++) {
                var bio = "bio " + i;
                answers.add(pool.submit(
                        (Callable<Integer>) () -> http.patch("/api/v1/users/me/profile", Map.of("bio", bio), auth)
                                .status()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        var events = storedEvents(userId.toString());
        var bios = new HashSet<String>();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSequenceNumber())
                    .as("no gap, no duplicate")
                    .isEqualTo(i);
            if (events.get(i).getPayload() instanceof ProfileUpdated updated) {
                bios.add(updated.changed().get("bio"));
            }
        }
        assertThat(bios).as("each change once").hasSize(changes);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        userId.toString()))
                .as("later changes loaded the user from a snapshot")
                .isPositive();
    }
}
