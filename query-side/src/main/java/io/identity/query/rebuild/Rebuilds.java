package io.identity.query.rebuild;

import io.identity.query.consistency.ProjectionStatus;
import io.identity.query.deadletter.DeadLetters;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.StreamingEventProcessor;
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

    public enum State {
        RUNNING,
        SWITCHED,
        CANCELLED
    }

    /**
     * A rebuild as operators see it; {@code progress} is the rebuild's own while it runs, {@code switchedAtPosition}
     * the event store's head when it was switched in.
     */
    public record Rebuild(
            String projection,
            State state,
            UUID requestedBy,
            Instant startedAt,
            Instant finishedAt,
            Long switchedAtPosition,
            ProjectionStatus.Status progress) {}

    private record Model(ReadModel readModel, Class<?> handler) {}

    private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProjectionStatus status;
    private final RebuildProcessor.Parts parts;
    private final String schema;
    private final long switchLag;
    private final Map<String, Model> models = new TreeMap<>();
    private final Map<String, RebuildProcessor> running = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final EventProcessingConfiguration processing;
    private final TableSwap swap;
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();

    public Rebuilds(
            ApplicationContext context,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            Serializer serializer,
            ProjectionStatus status,
            RebuildProcessor.Parts parts,
            String schema,
            long switchLag,
            Duration catchUpWait,
            MeterRegistry meters,
            EventProcessingConfiguration processing) {
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("identity.db.schema must be a plain lower-case name: " + schema);
        }
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.status = status;
        this.parts = parts;
        this.schema = schema;
        this.switchLag = switchLag;
        this.meters = meters;
        this.processing = processing;
        this.swap = new TableSwap(jdbc, transactions, serializer, schema, catchUpWait);
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
                var claimed = jdbc.update(
                        "INSERT INTO projection_rebuilds (processing_group, state, requested_by, "
                                + "started_at) VALUES (?, 'RUNNING', ?, now()) ON CONFLICT (processing_group) DO UPDATE SET "
                                + "state = 'RUNNING', requested_by = EXCLUDED.requested_by, started_at = EXCLUDED.started_at, "
                                + "finished_at = NULL, position = NULL WHERE projection_rebuilds.state <> 'RUNNING'",
                        projection,
                        requestedBy);
                if (claimed == 0) {
                    throw new IdentityException(ErrorCode.REBUILD_RUNNING, ErrorCode.REBUILD_RUNNING.title());
                }
                swap.prepare(model.readModel(), schemaOf(projection), processorOf(projection));
            });
        } catch (DataAccessException e) {
            // the last rebuild's schema is still held by an instance letting it go
            throw new IdentityException(ErrorCode.CONFLICT, "The previous rebuild is still being cleared; retry.");
        }
        LOG.info("Rebuild of {} started", projection);
        synchronized (this) {
            run(projection);
        }
        return find(projection)
                .map(found -> found.state() == State.RUNNING
                        ? found
                        : new Rebuild(
                                projection,
                                State.RUNNING,
                                requestedBy,
                                found.startedAt(),
                                null,
                                null,
                                status.of(processorOf(projection))))
                .orElseThrow();
    }

    /** Stops a running rebuild and drops what it built; the projection's tables are untouched. */
    public void cancel(String projection) {
        model(projection);
        if (jdbc.update(
                        "UPDATE projection_rebuilds SET state = 'CANCELLED', finished_at = now() "
                                + "WHERE processing_group = ? AND state = 'RUNNING'",
                        projection)
                == 0) {
            throw IdentityException.notFound();
        }
        LOG.info("Rebuild of {} cancelled", projection);
        refresh();
    }

    /** The latest rebuild of a read model. */
    public Optional<Rebuild> find(String projection) {
        model(projection);
        return jdbc
                .query(
                        "SELECT * FROM projection_rebuilds WHERE processing_group = ?",
                        (rs, i) -> {
                            var state = State.valueOf(rs.getString("state"));
                            var finished = rs.getTimestamp("finished_at");
                            var position = rs.getObject("position", Long.class);
                            return new Rebuild(
                                    projection,
                                    state,
                                    rs.getObject("requested_by", UUID.class),
                                    rs.getTimestamp("started_at").toInstant(),
                                    finished == null ? null : finished.toInstant(),
                                    position,
                                    state == State.RUNNING ? status.of(processorOf(projection)) : null);
                        },
                        projection)
                .stream()
                .findFirst();
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
                    if (status.lag(processorOf(projection)) <= switchLag
                            && swap.switchIn(
                                    projection,
                                    models.get(projection).readModel(),
                                    schemaOf(projection),
                                    processorOf(projection))) {
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
            for (var segment : jdbc.queryForList(
                    "SELECT segment FROM token_entry WHERE processor_name = ?", Integer.class, projection)) {
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
            var segments =
                    jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, p);
            var processor = new RebuildProcessor(
                    parts,
                    processorOf(p),
                    schemaOf(p),
                    schema + ".token_entry",
                    schema + "." + DeadLetters.TABLE,
                    Math.max(1, segments),
                    models.get(p).handler());
            var name = processorOf(p);
            status.watch(name);
            gauges.put(
                    p,
                    List.of(
                            status.lagGauge(name, meters),
                            Gauge.builder("identity.projection.rate", () -> status.rate(name))
                                    .tag("processor", name)
                                    .baseUnit("events per second")
                                    .description("how fast the projection has been going")
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
        swap.clear(projection, schemaOf(projection), processorOf(projection));
    }

    private Model model(String projection) {
        var model = models.get(projection);
        if (model == null) {
            throw IdentityException.notFound();
        }
        return model;
    }

    private String schemaOf(String projection) {
        return schema + "_rebuild_" + projection;
    }

    /** The rebuild's processor, in the token store and the projections' metrics. */
    public static String processorOf(String projection) {
        return "rebuild:" + projection;
    }
}
