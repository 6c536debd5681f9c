package io.identity.query.rebuild;

import io.identity.query.consistency.ProjectionProgress;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The switch of a rebuild ({@link Rebuilds}): the transaction that puts the tables of the rebuild's schema in the
 * place of the projection's, and hands the rebuild's position to the projection.
 */
final class TableSwap {

    private static final Logger LOG = LoggerFactory.getLogger(TableSwap.class);
    private static final String LOCK_TIMEOUT = "55P03";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final String schema;
    private final Duration catchUpWait;

    TableSwap(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            Serializer serializer,
            String schema,
            Duration catchUpWait) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.serializer = serializer;
        this.schema = schema;
        this.catchUpWait = catchUpWait;
    }

    /** Switches if it can; a lock not had in time leaves it for the next check. */
    boolean switchIn(String projection, ReadModel model, String target, String rebuild) {
        try {
            return trySwitch(projection, model, target, rebuild);
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && LOCK_TIMEOUT.equals(sql.getSQLState())) {
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
    private boolean trySwitch(String projection, ReadModel model, String target, String rebuild) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.execute("SET LOCAL lock_timeout = '3s'");
            var state = jdbc.queryForList(
                    "SELECT state FROM projection_rebuilds WHERE processing_group = ? " + "FOR UPDATE SKIP LOCKED",
                    String.class,
                    projection);
            if (!state.equals(List.of(Rebuilds.State.RUNNING.name()))) {
                return false;
            }
            var written = Stream.concat(Stream.of(model.tables()), Stream.of(model.sharedByGroup()))
                    .toList();
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
            jdbc.execute("LOCK TABLE "
                    + qualified(target, RebuildSchema.tablesOf(model).toList()) + " IN ACCESS EXCLUSIVE MODE");
            var rebuilt = tokens(rebuild, " FOR UPDATE");
            for (var table : model.tables()) {
                jdbc.execute("DROP TABLE " + schema + "." + table);
                jdbc.execute("ALTER TABLE " + target + "." + table + " SET SCHEMA " + schema);
            }
            for (var table : model.sharedByGroup()) {
                jdbc.update("DELETE FROM " + schema + "." + table + " WHERE processing_group = ?", projection);
                jdbc.update(
                        "INSERT INTO " + schema + "." + table + " SELECT * FROM " + target + "." + table
                                + " WHERE processing_group = ?",
                        projection);
            }
            jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", projection);
            jdbc.update(
                    "UPDATE deadletterentry SET processinggroup = ? WHERE processinggroup = ?", projection, rebuild);
            for (var segment : live.keySet()) {
                var both = lowerBound(live.get(segment), rebuilt.get(segment));
                var stored = both == null ? null : serializer.serialize(both, byte[].class);
                jdbc.update(
                        "UPDATE token_entry SET token = ?, token_type = ?, owner = NULL "
                                + "WHERE processor_name = ? AND segment = ?",
                        stored == null ? null : stored.getData(),
                        stored == null ? null : stored.getType().getName(),
                        projection,
                        segment);
            }
            // the store's head when it was switched in: every event up to it is in the new tables, or on its way
            var position =
                    jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
            jdbc.update(
                    "UPDATE projection_rebuilds SET state = 'SWITCHED', finished_at = ?, position = ? "
                            + "WHERE processing_group = ?",
                    Timestamp.from(Instant.now()),
                    position,
                    projection);
            return true;
        }));
    }

    /** What both tokens have processed: null (from the first event) if either is. */
    private static TrackingToken lowerBound(TrackingToken one, TrackingToken other) {
        return one == null || other == null
                ? null
                : WrappedToken.unwrapLowerBound(one).lowerBound(WrappedToken.unwrapLowerBound(other));
    }

    /**
     * Whether the rebuild has every segment the projection has, each as far: then its tables hold all the
     * projection's do (and the projection's token, the lower bound of the two, loses nothing).
     */
    private static boolean covers(Map<Integer, TrackingToken> rebuilt, Map<Integer, TrackingToken> live) {
        return !live.isEmpty()
                && rebuilt.keySet().equals(live.keySet())
                && live.entrySet().stream().allMatch(segment -> {
                    var theirs = segment.getValue();
                    var mine = rebuilt.get(segment.getKey());
                    return theirs == null
                            || mine != null
                                    && WrappedToken.unwrapLowerBound(mine)
                                            .covers(WrappedToken.unwrapLowerBound(theirs));
                });
    }

    /** A processor's token per segment, as stored (and with {@code FOR UPDATE}, held so until the end). */
    private Map<Integer, TrackingToken> tokens(String processor, String lock) {
        var tokens = new TreeMap<Integer, TrackingToken>();
        jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?" + lock,
                rs -> {
                    tokens.put(rs.getInt(1), ProjectionProgress.token(serializer, rs.getBytes(2), rs.getString(3)));
                },
                processor);
        return tokens;
    }

    private static String qualified(String schema, List<String> tables) {
        return String.join(
                ", ", tables.stream().map(table -> schema + "." + table).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
