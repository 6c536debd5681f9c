package io.identity.query.consistency;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many events a processor (a projection, the stream publisher) is behind the head of the event store: the
 * head's global index minus the lowest position its segments have reached. It is read from the shared token
 * store, so every instance reports the same figure for the whole processor, whichever segments it holds.
 */
public final class ProcessorLag {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ProcessorLag(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public long eventsBehind(String processor) {
        var progress = progress(processor);
        return progress.head() - progress.position();
    }

    /** Where a processor is (the lowest position its segments reached) and where the store's head is. */
    record Progress(long position, long head) {}

    Progress progress(String processor) {
        // min and max are NULL together, in an empty store
        var bounds = jdbc.queryForObject(
                "SELECT min(global_index), max(global_index) FROM domain_event_entry",
                (rs, i) -> rs.getObject(2) == null ? null : new long[] {rs.getLong(1), rs.getLong(2)});
        if (bounds == null) {
            return new Progress(0, 0);
        }
        long first = bounds[0];
        long head = bounds[1];
        var passed = jdbc
                .query(
                        "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                        (rs, i) -> position(ProjectionProgress.token(serializer, rs.getBytes(1), rs.getString(2))),
                        processor)
                .stream()
                .mapToLong(Long::longValue)
                .min()
                .orElse(-1);
        // nothing before the first event is waiting, whatever number the sequence started at
        return new Progress(Math.max(passed, first - 1), head);
    }

    /**
     * How far a segment has read. Gaps behind it are holes left by rolled-back inserts far more often than events
     * still to come, so they do not count: the figure is Axon's own notion of a processor's position.
     */
    private static long position(TrackingToken token) {
        var lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return lower == null ? -1 : lower.position().orElse(-1);
    }
}
