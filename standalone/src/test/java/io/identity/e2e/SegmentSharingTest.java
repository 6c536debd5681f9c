package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.QuerySideApplication;
import io.identity.support.db.DatabaseSettings;
import io.identity.support.test.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Query-side instances, each a JVM of its own, joining a running system under load and leaving it: a joining
 * instance holds its fair share of every processor's segments (read from the token store's owners) within 30 s;
 * when one is killed with SIGKILL, the survivors hold all its segments within the bound the heartbeats give (live
 * timeout 5 s, heartbeat and claim cycles of 1 s); one stopped in order hands its segments over at once; and the
 * read models miss nothing and apply nothing twice.
 */
class SegmentSharingTest {

    /** A joining instance's fair share within this, from the moment it answers. */
    private static final Duration JOIN = Duration.ofSeconds(30);

    /**
     * A killed instance's segments held by the survivors within this: its last heartbeat is at most 1 s old when
     * it dies, its row counts as stale 5 s after it, a survivor's next heartbeat (1 s) releases its claims and the
     * next claim cycle (1 s) takes them: about 7 s, within 10 s; and 2 s for a busy machine of two cores.
     */
    private static final Duration TAKEOVER = Duration.ofSeconds(12);

    private final RunningSystem system = RunningSystem.get();

    @Test
    void joiningInstancesTakeTheirShareAndTheSurvivorsTakeAKilledOnesOverWithinTheBound() throws Exception {
        var jdbc = system.queryContext.getBean(JdbcTemplate.class);
        var first = system.queryContext.getBean(DatabaseSettings.class).nodeId();
        var processors = system.queryContext
                .getBean(EventProcessingConfiguration.class)
                .eventProcessors()
                .keySet();
        var names = new ArrayList<String>();
        var bearers = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            names.add("share" + UUID.randomUUID().toString().substring(0, 8));
            bearers.add(system.signIn(names.get(i)));
        }
        var load = ProfileChanges.start(system.command, bearers, 20);
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> load.acknowledgedCount() >= 20))
                .as("load is running")
                .isTrue();
        var secondId = "second-" + RunningSystem.port();
        var thirdId = "third-" + RunningSystem.port();
        Forked second = null;
        Forked third = null;
        try {
            second = join(jdbc, processors, List.of(first), secondId);
            third = join(jdbc, processors, List.of(first, secondId), thirdId);

            third.kill();
            var killed = System.nanoTime();
            assertThat(Eventually.within(TAKEOVER, () -> fair(jdbc, processors, List.of(first, secondId))))
                    .withFailMessage(() -> "not within " + TAKEOVER + ": " + distribution(jdbc, processors))
                    .isTrue();
            System.out.printf(
                    "a killed instance's segments held by the survivors %d ms after the kill%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));

            second.stop();
            var stopped = System.nanoTime();
            assertThat(Eventually.within(TAKEOVER, () -> fair(jdbc, processors, List.of(first))))
                    .withFailMessage(() -> "not within " + TAKEOVER + ": " + distribution(jdbc, processors))
                    .isTrue();
            System.out.printf(
                    "a stopped instance's segments held by the other %d ms after it stopped%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
        } finally {
            load.stop();
            if (second != null) {
                second.close();
            }
            if (third != null) {
                third.close();
            }
        }

        for (int i = 0; i < bearers.size(); i++) {
            var bearer = bearers.get(i);
            var last = system.command.patch(
                    "/api/v1/users/me/profile", Map.of("bio", "after the moves"), "Authorization", bearer);
            assertThat(last.status()).isEqualTo(204);
            var stored = ProfileChanges.stored(system, bearer, "bio", last.header("X-Event-Position"));
            assertThat(stored).as("none stored twice").doesNotHaveDuplicates();
            assertThat(stored).as("every acknowledged change is stored").containsAll(load.acknowledged(bearer));
            var name = names.get(i);
            assertThat(Eventually.within(
                            Duration.ofSeconds(30),
                            () -> "after the moves"
                                    .equals(jdbc.queryForObject(
                                            "SELECT bio FROM query.users WHERE username = ?", String.class, name))))
                    .as("the users read model has the last change")
                    .isTrue();
            var audited = "SELECT count(*) FROM query.audit_events a JOIN query.users u ON u.user_id = a.user_id "
                    + "WHERE a.type = 'ProfileUpdated' AND u.username = ?";
            assertThat(Eventually.within(
                            Duration.ofSeconds(30),
                            () -> jdbc.queryForObject(audited, Long.class, name) >= stored.size()))
                    .as("every change audited")
                    .isTrue();
            assertThat(jdbc.queryForObject(audited, Long.class, name))
                    .as("each once")
                    .isEqualTo(stored.size());
        }
    }

    /**
     * Starts one more query-side instance, named {@code node} in the token store, and waits for the fair share of
     * all, it among them.
     */
    private Forked join(JdbcTemplate jdbc, Set<String> processors, List<String> before, String node) {
        var port = RunningSystem.port();
        var arguments = new ArrayList<>(List.of(system.queryArguments(port)));
        arguments.add("--identity.db.node-id=" + node);
        var launched = System.nanoTime();
        var joining = Forked.start(
                QuerySideApplication.class, arguments.toArray(String[]::new), port, Duration.ofSeconds(180));
        var up = System.nanoTime();
        var all = new ArrayList<>(before);
        all.add(node);
        assertThat(Eventually.within(JOIN, () -> fair(jdbc, processors, all)))
                .withFailMessage(
                        () -> node + " holds no fair share within " + JOIN + ": " + distribution(jdbc, processors))
                .isTrue();
        var now = System.nanoTime();
        System.out.printf(
                "%s holds its share %d ms after it answered (%d ms after its launch): %s%n",
                node,
                TimeUnit.NANOSECONDS.toMillis(now - up),
                TimeUnit.NANOSECONDS.toMillis(now - launched),
                distribution(jdbc, processors));
        return joining;
    }

    /**
     * Whether every segment of every processor is held by one of {@code nodes}, each holding its fair share:
     * {@code segments / nodes} or one more.
     */
    private static boolean fair(JdbcTemplate jdbc, Set<String> processors, List<String> nodes) {
        for (var entry : distribution(jdbc, processors).entrySet()) {
            var held = entry.getValue();
            int segments = held.values().stream().mapToInt(Integer::intValue).sum();
            if (!nodes.containsAll(held.keySet())) {
                return false;
            }
            for (var node : nodes) {
                int count = held.getOrDefault(node, 0);
                if (count < segments / nodes.size() || count > (segments + nodes.size() - 1) / nodes.size()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per processor, how many segments each owner holds ({@code "free"} for none). */
    private static Map<String, Map<String, Integer>> distribution(JdbcTemplate jdbc, Set<String> processors) {
        var distribution = new TreeMap<String, Map<String, Integer>>();
        jdbc.query(
                "SELECT processor_name, coalesce(owner, 'free') AS owner FROM query.token_entry "
                        + "WHERE processor_name = ANY(?)",
                row -> {
                    distribution
                            .computeIfAbsent(row.getString("processor_name"), p -> new HashMap<>())
                            .merge(row.getString("owner"), 1, Integer::sum);
                },
                (Object) processors.toArray(String[]::new));
        return distribution;
    }
}
