package io.identity.query.balance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The query-side instances sharing this schema's token store, as this one sees them, and this instance's share of
 * each processor's segments ({@link FairShare}), which Axon's pooled processors ask for on every claim cycle
 * ({@link #forProcessor()}).
 *
 * <p>Every heartbeat interval, on a thread of its own (so that no other scheduled work can hold it up), it writes
 * its row in {@code instance_heartbeats}; deletes the rows that have not been written for the live timeout and, in
 * the same statement, releases their instances' claims in {@code token_entry}; then reads the live instances and
 * who holds which segments. A processor holding more than its share releases the surplus at its next claim cycle,
 * and one holding less claims free segments up to it: an instance that joins gets its share within a few claim
 * cycles of its first heartbeat, and the segments of one that died are free again one live timeout after its last
 * heartbeat, not one token claim timeout after its last claim extension.
 *
 * <p>Why the heartbeat decides, not a shorter claim timeout: a claim is extended by the worker that holds it, after
 * its batch, so a slow batch (a long query, a lock) would lose its segment under a short timeout although its
 * instance is well. The heartbeat comes from the instance as a whole. An instance that is stopped entirely for longer
 * than the live timeout (a long garbage collection, a frozen virtual machine) does lose its claims: the token store
 * checks the owner when it stores a token or extends a claim, so the paused instance's batch fails at its end and is
 * done again by the new owner from the last stored token; what the paused batch wrote before it failed is written
 * again by the new owner, which every read model bears, as it bears a retried batch. The token claim timeout
 * ({@code identity.db.token-claim-timeout}) stays as the last resort for claims whose owner has no heartbeat row.
 *
 * <p>Its lifecycle phase follows Axon's: it starts beating once the processors run (an instance counted live
 * before it can process would leave its share idle), and on an orderly stop it deletes its row before the
 * processors stop, so that the others take its segments as soon as it releases them.
 */
final class LiveInstances implements SegmentShares, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveInstances.class);

    private static final String BEAT = "INSERT INTO instance_heartbeats (node_id, started_at, heartbeat) "
            + "VALUES (?, now(), now()) ON CONFLICT (node_id) DO UPDATE SET heartbeat = now()";

    private static final String RELEASE_THE_GONE = "WITH gone AS ("
            + "DELETE FROM instance_heartbeats WHERE node_id <> ? AND heartbeat < now() - make_interval(secs => ?) "
            + "RETURNING node_id), "
            + "released AS (UPDATE token_entry SET owner = NULL WHERE owner IN (SELECT node_id FROM gone) "
            + "RETURNING segment) "
            + "SELECT (SELECT string_agg(node_id, ', ') FROM gone) AS gone, (SELECT count(*) FROM released) AS released";

    /**
     * One reading of the heartbeats and the token store.
     *
     * @param live     the live instances, this one among them, by name
     * @param segments each processor's number of segments
     * @param held     per processor, how many segments each instance holds
     */
    record View(List<String> live, Map<String, Integer> segments, Map<String, Map<String, Integer>> held) {}

    private final JdbcTemplate jdbc;
    private final String self;
    private final BalanceSettings settings;
    private volatile View view;
    private volatile ScheduledExecutorService beats;

    /** Reads the others at once, so that the processors, which start before the first heartbeat, know them. */
    LiveInstances(JdbcTemplate jdbc, String self, BalanceSettings settings) {
        this.jdbc = jdbc;
        this.self = self;
        this.settings = settings;
        this.view = read();
    }

    /**
     * This instance's share of the processor's segments; as many as it finds (Axon's default) while the processor
     * has no segments yet: the first instance to start makes them and holds them until its next reading.
     */
    int share(String processor) {
        var now = view;
        if (!now.segments().containsKey(processor)) {
            return Short.MAX_VALUE;
        }
        return FairShare.of(processor, now.segments(), now.live(), now.held(), self);
    }

    @Override
    public MaxSegmentProvider forProcessor() {
        var built = new AtomicBoolean();
        return processor -> built.getAndSet(true) ? share(processor) : Math.max(1, share(processor));
    }

    /** The latest reading. */
    View view() {
        return view;
    }

    /** This instance's name in the heartbeats and the token store. */
    String self() {
        return self;
    }

    /** Writes this instance's heartbeat, lets go of the instances gone silent, and reads the live ones. */
    void beat() {
        jdbc.update(BEAT, self);
        var gone = jdbc.queryForMap(RELEASE_THE_GONE, self, seconds());
        if (gone.get("gone") != null) {
            log.info(
                    "Instances without a heartbeat for {}: {}; released their {} segment claims",
                    settings.liveTimeout(),
                    gone.get("gone"),
                    gone.get("released"));
        }
        view = read();
    }

    private View read() {
        var live = new TreeSet<>(jdbc.queryForList(
                "SELECT node_id FROM instance_heartbeats WHERE heartbeat >= now() - make_interval(secs => ?)",
                String.class,
                seconds()));
        live.add(self);
        var segments = new HashMap<String, Integer>();
        var held = new HashMap<String, Map<String, Integer>>();
        jdbc.query(
                "SELECT processor_name, owner, count(*) AS n FROM token_entry GROUP BY processor_name, owner", row -> {
                    var processor = row.getString("processor_name");
                    var owner = row.getString("owner");
                    int count = row.getInt("n");
                    segments.merge(processor, count, Integer::sum);
                    if (owner != null) {
                        held.computeIfAbsent(processor, p -> new HashMap<>()).put(owner, count);
                    }
                });
        return new View(List.copyOf(live), Map.copyOf(segments), Map.copyOf(held));
    }

    private double seconds() {
        return settings.liveTimeout().toMillis() / 1000.0;
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (DataAccessException e) {
            // the database is away: the last reading stands, and the others will see this instance as gone
            log.warn("Could not write this instance's heartbeat: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("The heartbeat failed", e);
        }
    }

    @Override
    public void start() {
        var executor = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("InstanceHeartbeat"));
        executor.scheduleWithFixedDelay(
                this::beatQuietly, 0, settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        beats = executor;
    }

    /** Stops beating and deletes this instance's row: the others count it out at once. */
    @Override
    public void stop() {
        var executor = beats;
        beats = null;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbc.update("DELETE FROM instance_heartbeats WHERE node_id = ?", self);
        } catch (DataAccessException e) {
            log.warn("Could not delete this instance's heartbeat; it goes stale by itself: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return beats != null;
    }

    /** Right after Axon's processors start, and so right before they stop. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
