package io.identity.query.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.identity.query.BoundSettings;
import io.identity.query.QuerySideTest;
import io.identity.support.db.DatabaseSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The heartbeats against the real schema: an instance gone silent is counted out and its claims released, an
 * orderly stop deletes the row, the share follows the live instances, and this side's processors check it often.
 */
class LiveInstancesTest extends QuerySideTest {

    private static final String PROCESSOR = "balance-test";

    /** One segment; first of all processors by name, so that its extra is given before any other's. */
    private static final String ONE = "a-balance-test";

    @Autowired
    private DatabaseSettings database;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private Map<String, HealthIndicator> health;

    private final BalanceSettings settings = BoundSettings.of(BalanceSettings.class, Map.of());

    @AfterEach
    void removeTheMadeUpInstances() {
        jdbc.update("DELETE FROM token_entry WHERE processor_name IN (?, ?)", PROCESSOR, ONE);
        jdbc.update("DELETE FROM instance_heartbeats WHERE node_id <> ?", database.nodeId());
    }

    @Test
    void anInstanceGoneSilentIsCountedOutAndItsClaimsAreReleased() {
        for (int segment = 0; segment < 4; segment++) {
            jdbc.update(
                    "INSERT INTO token_entry (processor_name, segment, owner, timestamp) VALUES (?, ?, ?, ?)",
                    PROCESSOR,
                    segment,
                    segment < 3 ? "silent" : "unknown",
                    Instant.now().toString());
        }
        // one segment, held by this side's own instance
        jdbc.update(
                "INSERT INTO token_entry (processor_name, segment, owner, timestamp) VALUES (?, 0, ?, ?)",
                ONE,
                database.nodeId(),
                Instant.now().toString());
        jdbc.update("INSERT INTO instance_heartbeats (node_id, started_at, heartbeat) "
                + "VALUES ('silent', now() - interval '1 hour', now() - interval '6 seconds')");
        var instance = new LiveInstances(jdbc, "watching", settings);
        assertThat(instance.view().live()).as("read at once").contains("watching", database.nodeId());
        assertThat(instance.view().live()).doesNotContain("silent");

        instance.beat();
        // counted live by this side's own processors only for this moment
        jdbc.update("DELETE FROM instance_heartbeats WHERE node_id = 'watching'");

        assertThat(count("SELECT count(*) FROM instance_heartbeats WHERE node_id = 'silent'"))
                .as("its row is gone")
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                        String.class,
                        PROCESSOR))
                .as("its claims are released; a claim without a heartbeat row waits for the claim timeout")
                .containsExactly(null, null, null, "unknown");
        assertThat(instance.view().segments()).containsEntry(PROCESSOR, 4);
        assertThat(instance.view().held().get(PROCESSOR)).isEqualTo(Map.of("unknown", 1));
        assertThat(instance.view().live()).containsExactlyInAnyOrder("watching", database.nodeId());
        assertThat(instance.share(PROCESSOR)).as("half of 4").isEqualTo(2);
        assertThat(instance.share(ONE)).as("the other holds the one segment").isZero();
        var provider = instance.forProcessor();
        assertThat(provider.getMaxSegments(ONE)).as("Axon's builder refuses 0").isEqualTo(1);
        assertThat(provider.getMaxSegments(ONE))
                .as("the processor's own question")
                .isZero();
        assertThat(instance.share("no-tokens-yet")).isEqualTo((int) Short.MAX_VALUE);
    }

    @Test
    void anOrderlyStopDeletesTheRow() {
        var instance = new LiveInstances(jdbc, "stopping", settings);
        instance.start();
        await(
                "its heartbeat is written",
                () -> count("SELECT count(*) FROM instance_heartbeats WHERE node_id = 'stopping'") == 1);
        assertThat(instance.isRunning()).isTrue();
        instance.stop();
        assertThat(instance.isRunning()).isFalse();
        assertThat(count("SELECT count(*) FROM instance_heartbeats WHERE node_id = 'stopping'"))
                .isZero();
    }

    @Test
    void aLoneInstanceHoldsEverySegmentAndTakesOneBackWithinAFewClaimIntervals() {
        var users = processing
                .eventProcessor("users", StreamingEventProcessor.class)
                .orElseThrow();
        await(
                "it holds every segment of its processors",
                () -> count(
                                "SELECT count(*) FROM token_entry WHERE processor_name = 'users' AND owner = ?",
                                database.nodeId())
                        == 4);
        assertThat(count("SELECT count(*) FROM instance_heartbeats WHERE node_id = ?", database.nodeId()))
                .as("its own heartbeat")
                .isEqualTo(1);
        var segments = health.get("segments").health().getDetails();
        assertThat(segments.get("self")).isEqualTo(database.nodeId());
        assertThat(segments.get("owners").toString()).contains("users={0=" + database.nodeId());

        // released for twice the claim interval, then claimed again at the next claim cycle: well within 5 s
        // at 1 s, never within it at Axon's default of 5 s
        var released = System.nanoTime();
        users.releaseSegment(0);
        await(
                "it let go",
                () -> count("SELECT count(*) FROM token_entry WHERE processor_name = 'users' AND segment = 0 "
                                + "AND owner IS NULL")
                        == 1);
        await(
                "it took the segment back",
                () -> count(
                                "SELECT count(*) FROM token_entry WHERE processor_name = 'users' AND segment = 0 "
                                        + "AND owner = ?",
                                database.nodeId())
                        == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - released))
                .as("claim interval %s", settings.claimInterval())
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theLiveTimeoutCoversTwoHeartbeats() {
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.liveTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.claimInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.claimExtension()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> BoundSettings.of(
                        BalanceSettings.class,
                        Map.of(
                                "identity.projections.heartbeat-interval", "2s",
                                "identity.projections.live-timeout", "3s")))
                .hasStackTraceContaining("at least twice");
    }
}
