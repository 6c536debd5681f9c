package io.identity.query.audit;

import io.identity.query.consistency.ReadersDoNotWait;
import io.identity.support.axon.GlobalIndex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Extends the tamper-evident hash chain over the event store, event by event, in the order its single segment
 * reads them; {@link #verify} recomputes it from the store as it is now. A batch's events are chained together
 * before the batch commits: their stored rows are read in one query, by global position.
 */
@Component
@ProcessingGroup(AuditChain.GROUP)
@ReadersDoNotWait
class AuditChain {

    static final String GROUP = "audit-chain";
    private static final String PENDING = AuditChain.class.getName() + ".pending";
    static final String ROW = "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data FROM events.domain_event_entry";

    private final JdbcTemplate jdbc;

    AuditChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        if (token.position().isEmpty()) {
            return;
        }
        var batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(PENDING, key -> {
                    var positions = new ArrayList<Long>();
                    batch.onPrepareCommit(unitOfWork -> extend(positions));
                    return positions;
                })
                .add(GlobalIndex.of(event, token));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_chain");
    }

    /** Appends the events at these positions, in this order, to the chain (those already in it are skipped). */
    private void extend(List<Long> positions) {
        var head = jdbc
                .query(
                        "SELECT chain_position, hash FROM audit_chain ORDER BY chain_position DESC LIMIT 1",
                        (rs, i) -> new Link(rs.getLong(1), rs.getBytes(2)))
                .stream()
                .findFirst()
                .orElse(new Link(-1, new byte[32]));
        var rows = new HashMap<Long, byte[]>();
        jdbc.query(
                ROW + " WHERE global_index = ANY (?)",
                rs -> {
                    rows.put(rs.getLong("global_index"), canonical(rs));
                },
                (Object) positions.toArray(Long[]::new));
        var chained = new HashSet<>(
                jdbc.queryForList("SELECT position FROM audit_chain WHERE position = ANY (?)", Long.class, (Object)
                        positions.toArray(Long[]::new)));
        var inserts = new ArrayList<Object[]>();
        var previous = head.hash();
        var next = head.chainPosition() + 1;
        for (var position : positions) {
            var row = rows.get(position);
            if (row == null || !chained.add(position)) {
                continue;
            }
            previous = link(previous, row);
            inserts.add(new Object[] {next++, position, previous});
        }
        jdbc.batchUpdate("INSERT INTO audit_chain (chain_position, position, hash) VALUES (?, ?, ?)", inserts);
    }

    private record Link(long chainPosition, byte[] hash) {}

    /** The result of recomputing the chain: how far it holds, and where it first does not. */
    record Verification(long verifiedUpTo, boolean intact, Long firstBrokenPosition, long events) {}

    /**
     * Recomputes every link from the store's rows as they are now, in chain order, reading both through a cursor:
     * the first link whose row is gone or whose hash differs is where the store was altered.
     */
    Verification verify(JdbcTemplate cursor) {
        var state = new Object() {
            byte[] previous = new byte[32];
            long verifiedUpTo = -1;
            long events;
            Long broken;
        };
        cursor.query(
                "SELECT c.position, c.hash, e.global_index, e.event_identifier, e.aggregate_identifier, "
                        + "e.sequence_number, e.type, e.time_stamp, e.payload_type, e.payload_revision, e.payload, "
                        + "e.meta_data FROM audit_chain c LEFT JOIN events.domain_event_entry e ON e.global_index = c.position "
                        + "ORDER BY c.chain_position",
                rs -> {
                    if (state.broken != null) {
                        return;
                    }
                    var position = rs.getLong("position");
                    rs.getLong("global_index");
                    var expected = rs.wasNull() ? null : link(state.previous, canonical(rs));
                    var recorded = rs.getBytes("hash");
                    if (expected == null || !MessageDigest.isEqual(expected, recorded)) {
                        state.broken = position;
                        return;
                    }
                    state.previous = recorded;
                    state.verifiedUpTo = Math.max(state.verifiedUpTo, position);
                    state.events++;
                });
        return new Verification(state.verifiedUpTo, state.broken == null, state.broken, state.events);
    }

    private static byte[] link(byte[] previous, byte[] row) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            digest.update(row);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A row's stored form: each column length-prefixed (-1 for null), so no two rows read the same. */
    private static byte[] canonical(ResultSet rs) throws SQLException {
        var parts = new byte[][] {
            bytes(rs.getString("global_index")),
            bytes(rs.getString("event_identifier")),
            bytes(rs.getString("aggregate_identifier")),
            bytes(rs.getString("sequence_number")),
            bytes(rs.getString("type")),
            bytes(rs.getString("time_stamp")),
            bytes(rs.getString("payload_type")),
            bytes(rs.getString("payload_revision")),
            rs.getBytes("payload"),
            rs.getBytes("meta_data")
        };
        var size = 0;
        for (var part : parts) {
            size += 4 + (part == null ? 0 : part.length);
        }
        var buffer = ByteBuffer.allocate(size);
        for (var part : parts) {
            buffer.putInt(part == null ? -1 : part.length);
            if (part != null) {
                buffer.put(part);
            }
        }
        return buffer.array();
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
