package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.command.CommandSideApplication;
import io.identity.query.QuerySideApplication;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Instances killed with SIGKILL in the middle of their work, each test ending with a count of what was stored:
 * a command-side instance under concurrent load (every acknowledged change is in the store, none twice), and a
 * query-side instance holding segments (the other instance takes them over, the read models complete, nothing
 * is applied twice).
 */
class KillTest {

    private static final String PASSWORD = RunningSystem.PASSWORD;
    private final RunningSystem system = RunningSystem.get();

    @Test
    void aCommandSideKilledUnderLoadLosesNoAcknowledgedChangeAndAppliesNoneTwice() throws Exception {
        var users = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            users.add(system.signIn("kill" + UUID.randomUUID().toString().substring(0, 8)));
        }
        var port = RunningSystem.port();
        var victim = Forked.start(CommandSideApplication.class, system.commandArguments(port), port);
        var load = ProfileChanges.start(new Http(victim.url), users);
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> load.acknowledgedCount() >= 40))
                .as("load is running")
                .isTrue();
        victim.kill();
        load.stop();

        for (var user : users) {
            var change = system.command.patch(
                    "/api/v1/users/me/profile", Map.of("bio", "after the kill"), "Authorization", user);
            assertThat(change.status()).as("the other instance goes on").isEqualTo(204);
            var stored = ProfileChanges.stored(system, user, "bio", change.header("X-Event-Position"));
            assertThat(stored).as("none applied twice").doesNotHaveDuplicates();
            assertThat(stored).as("every acknowledged change is stored").containsAll(load.acknowledged(user));
        }
    }

    @Test
    void aQuerySideKilledWhileHoldingSegmentsIsTakenOverAndTheReadModelsComplete() throws Exception {
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var users = system.queryContext
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor("users", StreamingEventProcessor.class)
                .orElseThrow();
        var port = RunningSystem.port();
        var victim = Forked.start(QuerySideApplication.class, system.queryArguments(port), port);
        try {
            users.releaseSegment(0, 10, TimeUnit.SECONDS);
            users.releaseSegment(1, 10, TimeUnit.SECONDS);
            assertThat(Eventually.within(Duration.ofSeconds(30), () -> owners(jdbc) == 2))
                    .as("the second instance holds segments of the users projection")
                    .isTrue();

            var names = Collections.synchronizedList(new ArrayList<String>());
            for (int i = 0; i < 30; i++) {
                var name = "qk" + UUID.randomUUID().toString().substring(0, 8);
                assertThat(system.command
                                .post(
                                        "/api/v1/registrations",
                                        Map.of("username", name, "email", name + "@example.com", "password", PASSWORD))
                                .status())
                        .isEqualTo(201);
                names.add(name);
                if (i == 10) {
                    victim.kill();
                }
            }
            var killedAt = System.nanoTime();
            assertThat(Eventually.within(
                            Duration.ofSeconds(60),
                            () -> owners(jdbc) == 1
                                    && count(jdbc, "SELECT count(*) FROM query.users WHERE username = ANY(?)", names)
                                            == names.size()))
                    .as("the surviving instance took the segments over and the read model is complete")
                    .isTrue();
            System.out.printf(
                    "segments taken over and caught up %d ms after the kill%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            var audited = "SELECT count(*) FROM query.audit_events a JOIN query.users u ON u.user_id = a.user_id "
                    + "WHERE a.type = 'UserRegistered' AND u.username = ANY(?)";
            assertThat(Eventually.within(Duration.ofSeconds(30), () -> count(jdbc, audited, names) >= names.size()))
                    .as("every registration audited")
                    .isTrue();
            assertThat(count(jdbc, audited, names)).as("each once").isEqualTo(names.size());
        } finally {
            victim.close();
        }
    }

    private static int owners(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                "SELECT count(DISTINCT owner) FROM query.token_entry WHERE processor_name = 'users' "
                        + "AND owner IS NOT NULL",
                Integer.class);
    }

    private static long count(JdbcTemplate jdbc, String sql, List<String> names) {
        return jdbc.queryForObject(sql, Long.class, (Object) names.toArray(String[]::new));
    }
}
