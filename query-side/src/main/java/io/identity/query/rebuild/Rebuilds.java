package io.identity.query.rebuild;

import io.identity.query.admin.DeadLetters;
import io.identity.query.admin.ProjectionStatus;
import io.identity.query.consistency.ProjectionProgress;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * Blue/green rebuilds of one read model, for operators: its handlers run again from the first event into new tables
 * in a schema of their own ({@code <schema>_rebuild_<projection>}) while the current tables keep serving; once the
 * rebuild has caught up, one transaction puts the new tables in the place of the old and hands the rebuild's
 * position to the projection, which goes on from there. Readers wait for that transaction (milliseconds) and read
 * the new tables after it; none fails.
 *
 * <p>The state is in {@code projection_rebuilds}: every query-side instance of this schema runs the rebuild's
 * processor while it is RUNNING, sharing its segments, so it survives the instance that started it; whichever
 * instance first sees it caught up switches it.
 */
public class Rebuilds {

    public enum State { RUNNING, SWITCHED, CANCELLED }

    /**
     * A rebuild as operators see it; {@code progress} is the rebuild's own while it runs, {@code switchedAtPosition}
     * the event store's head when it was switched in.
     */
    public record Rebuild(String projection, State state, UUID requestedBy, Instant startedAt, Instant finishedAt,
                          Long switchedAtPosition, ProjectionStatus.Status progress) {
    }

    private record Model(ReadModel readModel, Class<?> handler) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);
    private static final String LOCK_TIMEOUT = "55P03";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final ProjectionStatus status;
    private final RebuildProcessor.Parts parts;
    private final String schema;
    private final long switchLag;
    private final Map<String, Model> models = new TreeMap<>();
    private final Map<String, RebuildProcessor> running = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final EventProcessingConfiguration processing;
    private final Duration catchUpWait;
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();

    public Rebuilds(ApplicationContext context, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                    Serializer serializer, ProjectionStatus status, RebuildProcessor.Parts parts, String schema,
                    long switchLag, Duration catchUpWait, MeterRegistry meters,
                    EventProcessingConfiguration processing) {
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("identity.db.schema must be a plain lower-case name: " + schema);
        }
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.serializer = serializer;
        this.status = status;
        this.parts = parts;
        this.schema = schema;
        this.switchLag = switchLag;
        this.meters = meters;
        this.processing = processing;
        this.catchUpWait = catchUpWait;
        for (var name : context.getBeanNamesForAnnotation(ReadModel.class)) {
            var group = context.findAnnotationOnBean(name, ProcessingGroup.class);
            var tables = context.findAnnotationOnBean(name, ReadModel.class);
            if (group != null && tables != null) {
                models.put(group.value(), new Model(tables, ClassUtils.getUserClass(context.getType(name))));
            }
        }
    }

    /** The read models that can be rebuilt. */
    public List<String> projections() {
        return List.copyOf(models.keySet());
    }

    /**
     * Starts a rebuild: an empty copy of the projection's tables in the rebuild's schema, and its processor from the
     * first event, here and on every other instance within a second.
     *
     * @throws IdentityException {@code not_found} for no such read model, {@code rebuild_running} if one runs
     */
    public Rebuild start(String projection, UUID requestedBy) {
        var model = model(projection);
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.execute("SET LOCAL lock_timeout = '5s'");
                var claimed = jdbc.update("INSERT INTO projection_rebuilds (processing_group, state, requested_by, "
                        + "started_at) VALUES (?, 'RUNNING', ?, now()) ON CONFLICT (processing_group) DO UPDATE SET "
                        + "state = 'RUNNING', requested_by = EXCLUDED.requested_by, started_at = EXCLUDED.started_at, "
                        + "finished_at = NULL, position = NULL WHERE projection_rebuilds.state <> 'RUNNING'",
                        projection, requestedBy);
                if (claimed == 0) {
                    throw new IdentityException(ErrorCode.REBUILD_RUNNING, ErrorCode.REBUILD_RUNNING.title());
                }
                var target = schemaOf(projection);
                jdbc.execute("DROP SCHEMA IF EXISTS " + target + " CASCADE");
                jdbc.execute("CREATE SCHEMA " + target);
                tablesOf(model).forEach(table -> copyDefinition(table, target));
                jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorOf(projection));
            });
        } catch (DataAccessException e) {
            // the last rebuild's schema is still held by an instance letting it go
            throw new IdentityException(ErrorCode.CONFLICT, "The previous rebuild is still being cleared; retry.");
        }
        LOG.info("Rebuild of {} started", projection);
        synchronized (this) {
            run(projection);
        }
        return find(projection).map(found -> found.state() == State.RUNNING ? found
                : new Rebuild(projection, State.RUNNING, requestedBy, found.startedAt(), null, null,
                status.of(processorOf(projection)))).orElseThrow();
    }

    /** Stops a running rebuild and drops what it built; the projection's tables are untouched. */
    public void cancel(String projection) {
        model(projection);
        if (jdbc.update("UPDATE projection_rebuilds SET state = 'CANCELLED', finished_at = now() "
                + "WHERE processing_group = ? AND state = 'RUNNING'", projection) == 0) {
            throw IdentityException.notFound();
        }
        LOG.info("Rebuild of {} cancelled", projection);
        refresh();
    }

    /** The latest rebuild of a read model. */
    public Optional<Rebuild> find(String projection) {
        model(projection);
        return jdbc.query("SELECT * FROM projection_rebuilds WHERE processing_group = ?", (rs, i) -> {
            var state = State.valueOf(rs.getString("state"));
            var finished = rs.getTimestamp("finished_at");
            var position = rs.getObject("position", Long.class);
            return new Rebuild(projection, state, rs.getObject("requested_by", UUID.class),
                    rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                    position, state == State.RUNNING ? status.of(processorOf(projection)) : null);
        }, projection).stream().findFirst();
    }

    /**
     * Brings this instance in line with the table: runs the processor of each running rebuild, switches one that
     * has caught up, and lets go of the others.
     */
    @Scheduled(fixedDelayString = "${identity.rebuild.check-interval:1s}")
    public synchronized void refresh() {
        var states = new HashMap<String, State>();
        jdbc.query("SELECT processing_group, state FROM projection_rebuilds", rs -> {
            states.put(rs.getString(1), State.valueOf(rs.getString(2)));
        });
        for (var projection : models.keySet()) {
            try {
                if (states.get(projection) == State.RUNNING) {
                    run(projection);
                    if (status.lag(processorOf(projection)) <= switchLag && switched(projection)) {
                        LOG.info("Rebuild of {} switched in", projection);
                        letGo(projection);
                        reclaim(projection);
                    }
                } else {
                    letGo(projection);
                }
            } catch (RuntimeException e) {
                LOG.warn("Rebuild of {}: {}", projection, e.toString());
            }
        }
    }

    /**
     * The projection's segments were left unclaimed by the switch: this instance takes them at once rather than at
     * its next claim round, so that the few events past the switch reach the new tables in moments.
     */
    private void reclaim(String projection) {
        processing.eventProcessor(projection, StreamingEventProcessor.class).ifPresent(processor -> {
            for (var segment : jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ?",
                    Integer.class, projection)) {
                processor.claimSegment(segment);
            }
        });
    }

    @PreDestroy
    void stop() {
        running.values().forEach(RebuildProcessor::close);
        running.clear();
    }

    private void run(String projection) {
        running.computeIfAbsent(projection, p -> {
            var segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, p);
            var processor = new RebuildProcessor(parts, processorOf(p), schemaOf(p), schema + ".token_entry",
                    schema + "." + DeadLetters.TABLE, Math.max(1, segments), models.get(p).handler());
            var name = processorOf(p);
            status.watch(name);
            gauges.put(p, List.of(
                    Gauge.builder("identity.projection.lag", () -> status.lag(name)).tag("processor", name)
                            .baseUnit("events").description("events of the store the projection has not processed yet")
                            .register(meters),
                    Gauge.builder("identity.projection.rate", () -> status.rate(name)).tag("processor", name)
                            .baseUnit("events per second").description("how fast the projection has been going")
                            .register(meters)));
            return processor;
        });
    }

    /** Stops this instance's share, and clears the rebuild's schema and tokens once no instance holds them. */
    private void letGo(String projection) {
        var processor = running.remove(projection);
        if (processor != null) {
            processor.close();
            status.forget(processorOf(projection));
            gauges.getOrDefault(projection, List.of()).forEach(meters::remove);
            gauges.remove(projection);
        }
        var target = schemaOf(projection);
        if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM information_schema.schemata "
                + "WHERE schema_name = ?)", Boolean.class, target))) {
            try {
                transactions.executeWithoutResult(tx -> {
                    jdbc.execute("SET LOCAL lock_timeout = '2s'");
                    jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorOf(projection));
                    jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", processorOf(projection));
                    jdbc.execute("DROP SCHEMA IF EXISTS " + target + " CASCADE");
                });
            } catch (DataAccessException e) {
                LOG.debug("Rebuild schema {} still in use; cleared at a later check", target);
            }
        }
    }

    /** Switches if it can; a lock not had in time leaves it for the next check. */
    private boolean switched(String projection) {
        try {
            return trySwitch(projection);
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && LOCK_TIMEOUT.equals(sql.getSQLState())) {
                LOG.info("Rebuild of {} not switched yet: its tables are busy", projection);
                return false;
            }
            throw e;
        }
    }

    /**
     * The switch, in one transaction. The projection's writers are held (its tables locked against writes, its
     * tokens against updates; readers go on), the rebuild is let reach its position, then the rebuild's writers
     * are held too (its tables locked outright). The old tables are
     * dropped and the new moved in their place, the projection's own rows of shared tables and its dead letters
     * replaced by the rebuild's, and each segment's token set to the lower bound of the two: what both have
     * processed, unclaimed.
     *
     * <p>The processors store a token after their batch's writes, which each commit on their own, so either side
     * may have written a little past its token; both are re-applied from the lower bound, in order, as after a
     * crash, and the handlers are written for that. A batch of the projection still in flight when the switch
     * commits writes events past its token (so past the lower bound) into the new tables, cannot store its token
     * (its claim is gone), and is applied again from the lower bound; none of the rebuild's can write at all, its
     * tables having left its schema.
     *
     * @return whether it switched; if not, nothing changed, and the next check tries again
     */
    private boolean trySwitch(String projection) {
        var model = models.get(projection).readModel();
        var target = schemaOf(projection);
        var rebuild = processorOf(projection);
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.execute("SET LOCAL lock_timeout = '3s'");
            var state = jdbc.queryForList("SELECT state FROM projection_rebuilds WHERE processing_group = ? "
                    + "FOR UPDATE SKIP LOCKED", String.class, projection);
            if (!state.equals(List.of(State.RUNNING.name()))) {
                return false;
            }
            var written = Stream.concat(Stream.of(model.tables()), Stream.of(model.sharedByGroup())).toList();
            jdbc.execute("LOCK TABLE " + qualified(schema, written) + " IN EXCLUSIVE MODE");
            var live = tokens(projection, " FOR UPDATE");
            // the projection is held where it is: the rebuild, close behind, reaches it in moments
            var deadline = System.nanoTime() + catchUpWait.toNanos();
            while (!covers(tokens(rebuild, ""), live)) {
                if (System.nanoTime() > deadline) {
                    tx.setRollbackOnly();
                    return false;
                }
                pause();
            }
            jdbc.execute("LOCK TABLE " + qualified(target, tablesOf(model).toList()) + " IN ACCESS EXCLUSIVE MODE");
            var rebuilt = tokens(rebuild, " FOR UPDATE");
            for (var table : model.tables()) {
                jdbc.execute("DROP TABLE " + schema + "." + table);
                jdbc.execute("ALTER TABLE " + target + "." + table + " SET SCHEMA " + schema);
            }
            for (var table : model.sharedByGroup()) {
                jdbc.update("DELETE FROM " + schema + "." + table + " WHERE processing_group = ?", projection);
                jdbc.update("INSERT INTO " + schema + "." + table + " SELECT * FROM " + target + "." + table
                        + " WHERE processing_group = ?", projection);
            }
            jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", projection);
            jdbc.update("UPDATE deadletterentry SET processinggroup = ? WHERE processinggroup = ?", projection,
                    rebuild);
            for (var segment : live.keySet()) {
                var both = lowerBound(live.get(segment), rebuilt.get(segment));
                var stored = both == null ? null : serializer.serialize(both, byte[].class);
                jdbc.update("UPDATE token_entry SET token = ?, token_type = ?, owner = NULL "
                                + "WHERE processor_name = ? AND segment = ?", stored == null ? null : stored.getData(),
                        stored == null ? null : stored.getType().getName(), projection, segment);
            }
            // the store's head when it was switched in: every event up to it is in the new tables, or on its way
            var position = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry",
                    Long.class);
            jdbc.update("UPDATE projection_rebuilds SET state = 'SWITCHED', finished_at = ?, position = ? "
                    + "WHERE processing_group = ?", Timestamp.from(Instant.now()), position, projection);
            return true;
        }));
    }

    /** What both tokens have processed: null (from the first event) if either is. */
    private static TrackingToken lowerBound(TrackingToken one, TrackingToken other) {
        return one == null || other == null ? null
                : WrappedToken.unwrapLowerBound(one).lowerBound(WrappedToken.unwrapLowerBound(other));
    }

    /**
     * Whether the rebuild has every segment the projection has, each as far: then its tables hold all the
     * projection's do (and the projection's token, the lower bound of the two, loses nothing).
     */
    private static boolean covers(Map<Integer, TrackingToken> rebuilt, Map<Integer, TrackingToken> live) {
        return !live.isEmpty() && rebuilt.keySet().equals(live.keySet())
                && live.entrySet().stream().allMatch(segment -> {
                    var theirs = segment.getValue();
                    var mine = rebuilt.get(segment.getKey());
                    return theirs == null || mine != null && WrappedToken.unwrapLowerBound(mine)
                            .covers(WrappedToken.unwrapLowerBound(theirs));
                });
    }

    /** A processor's token per segment, as stored (and with {@code FOR UPDATE}, held so until the end). */
    private Map<Integer, TrackingToken> tokens(String processor, String lock) {
        var tokens = new TreeMap<Integer, TrackingToken>();
        jdbc.query("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?" + lock, rs -> {
            tokens.put(rs.getInt(1), ProjectionProgress.token(serializer, rs.getBytes(2), rs.getString(3)));
        }, processor);
        return tokens;
    }

    /** An empty table like one of this side's, its indexes under the same names, in the rebuild's schema. */
    private void copyDefinition(String table, String target) {
        jdbc.execute("CREATE TABLE " + target + "." + table + " (LIKE " + schema + "." + table + " INCLUDING ALL)");
        var renames = new ArrayList<String[]>();
        jdbc.query("SELECT n.indexname, o.indexname FROM pg_indexes n JOIN pg_indexes o ON o.schemaname = ? "
                + "AND o.tablename = n.tablename AND regexp_replace(o.indexdef, '^.* USING ', '') = "
                + "regexp_replace(n.indexdef, '^.* USING ', '') AND (o.indexdef LIKE 'CREATE UNIQUE%') = "
                + "(n.indexdef LIKE 'CREATE UNIQUE%') WHERE n.schemaname = ? AND n.tablename = ?", rs -> {
            renames.add(new String[]{rs.getString(1), rs.getString(2)});
        }, schema, target, table);
        renames.stream().filter(names -> !names[0].equals(names[1])).forEach(names ->
                jdbc.execute("ALTER INDEX " + target + "." + names[0] + " RENAME TO " + names[1]));
    }

    private static Stream<String> tablesOf(Model model) {
        return tablesOf(model.readModel());
    }

    private static Stream<String> tablesOf(ReadModel model) {
        return Stream.of(model.tables(), model.sharedByGroup(), model.scratch()).flatMap(Stream::of);
    }

    private static String qualified(String schema, List<String> tables) {
        return String.join(", ", tables.stream().map(table -> schema + "." + table).toList());
    }

    private Model model(String projection) {
        var model = models.get(projection);
        if (model == null) {
            throw IdentityException.notFound();
        }
        return model;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String schemaOf(String projection) {
        return schema + "_rebuild_" + projection;
    }

    /** The rebuild's processor, in the token store and the projections' metrics. */
    public static String processorOf(String projection) {
        return "rebuild:" + projection;
    }

}
