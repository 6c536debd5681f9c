package io.identity.query.rebuild;

import io.identity.query.consistency.ProjectionStatus;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

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

    private static final Logger LOG = LoggerFactory.getLogger(Rebuilds.class);

    private final RebuildableModels models;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProjectionStatus status;
    private final RebuildSchema schema;
    private final RebuildRunner runner;

    Rebuilds(
            RebuildableModels models,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            ProjectionStatus status,
            RebuildSchema schema,
            RebuildRunner runner) {
        this.models = models;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.status = status;
        this.schema = schema;
        this.runner = runner;
    }

    /**
     * Starts a rebuild: an empty copy of the projection's tables in the rebuild's schema, and its processor from the
     * first event, here and on every other instance within a second.
     *
     * @throws IdentityException {@code not_found} for no such read model, {@code rebuild_running} if one runs
     */
    public Rebuild start(String projection, UUID requestedBy) {
        var model = models.get(projection);
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
                schema.prepare(model.readModel(), schema.of(projection), processorOf(projection));
            });
        } catch (DataAccessException e) {
            // the last rebuild's schema is still held by an instance letting it go
            throw new IdentityException(ErrorCode.CONFLICT, "The previous rebuild is still being cleared; retry.");
        }
        LOG.info("Rebuild of {} started", projection);
        runner.run(projection);
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
        models.get(projection);
        if (jdbc.update(
                        "UPDATE projection_rebuilds SET state = 'CANCELLED', finished_at = now() "
                                + "WHERE processing_group = ? AND state = 'RUNNING'",
                        projection)
                == 0) {
            throw IdentityException.notFound();
        }
        LOG.info("Rebuild of {} cancelled", projection);
        runner.refresh();
    }

    /** The latest rebuild of a read model. */
    public Optional<Rebuild> find(String projection) {
        models.get(projection);
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
     * Every {@code identity.rebuild.check-interval}, this instance joins the running rebuilds, switches one that has
     * caught up, and lets go of the others ({@link RebuildRunner#refresh()}).
     */
    @Scheduled(fixedDelayString = "${identity.rebuild.check-interval:1s}")
    void refresh() {
        runner.refresh();
    }

    /** The rebuild's processor, in the token store and the projections' metrics. */
    static String processorOf(String projection) {
        return "rebuild:" + projection;
    }
}
