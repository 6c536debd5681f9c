package io.identity.query.consistency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether every projection has processed everything up to a global position, read from the token store, which
 * all query-side instances share, so it holds whichever instance owns each segment.
 * <p>
 * A segment's stored token only moves when the segment handles an event (or renews its claim), so a token
 * below the position is not yet a "no": the segment is behind only if some event it would handle lies between
 * its token and the position. Events are assigned to segments by aggregate (Axon's sequential-per-aggregate
 * policy), so that is decided from the event store's aggregate ids and payload types. A position in a token's
 * gaps that holds no committed event (a rolled-back insert) never holds readers up.
 */
public class ProjectionProgress {

    /** Further behind than this many events, a projection is lagging without looking closer. */
    private static final int MAX_INSPECTED = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Set<String> projections;
    private final BiPredicate<String, String> handles;
    private final Map<String, Map<String, Boolean>> handled = new ConcurrentHashMap<>();
    /**
     * The last token read of each segment, with the bytes it was read from: readers waiting at once, and one
     * reader looking again, mostly find a segment's bytes unchanged, and deserialising them again (Jackson) was a
     * tenth of this side's CPU under load. A token is immutable, so the same bytes give the same token.
     */
    private final Map<SegmentOf, ReadToken> lastRead = new ConcurrentHashMap<>();

    private record SegmentOf(String processor, int segment) {}

    private record ReadToken(byte[] bytes, String type, TrackingToken token) {}

    /**
     * @param handles whether a processor (first) has a handler for a payload type (second)
     */
    ProjectionProgress(
            JdbcTemplate jdbc, Serializer serializer, Set<String> projections, BiPredicate<String, String> handles) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.projections = Set.copyOf(projections);
        this.handles = handles;
    }

    /** The processors whose progress readers wait for. */
    Set<String> projections() {
        return projections;
    }

    private record SegmentToken(String processor, Segment segment, TrackingToken token) {}

    private record StoredEvent(long position, String aggregateId, String payloadType) {}

    public boolean hasProcessed(long position) {
        var lagging = laggingSegments(position);
        if (lagging == null) {
            return false;
        }
        if (lagging.isEmpty()) {
            return true;
        }
        // what the lagging segments have not seen: the range past their index, and the gaps below it (an event
        // whose transaction committed after later ones; a rolled-back insert leaves a gap with no event)
        var from = lagging.stream().mapToLong(s -> index(s.token())).min().orElse(-1);
        if (position - from > MAX_INSPECTED) {
            return false;
        }
        var gaps = lagging.stream()
                .flatMap(s -> gaps(s.token()).stream())
                .filter(gap -> gap <= position)
                .distinct()
                .toArray(Long[]::new);
        var events = jdbc.query(
                "SELECT global_index, aggregate_identifier, payload_type FROM domain_event_entry "
                        + "WHERE (global_index > ? AND global_index <= ?) OR global_index = ANY(?)",
                (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3)),
                from,
                position,
                gaps);
        // cheapest test first: most events belong to another segment (a hash and a mask)
        for (var event : events) {
            for (var segment : lagging) {
                if (segment.segment().matches(event.aggregateId())
                        && !covers(segment.token(), event.position())
                        && handles(segment.processor(), event.payloadType())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The segments whose token does not cover the position; null when a projection has no tokens yet. */
    private List<SegmentToken> laggingSegments(long position) {
        var rows = new HashMap<String, List<Object[]>>();
        jdbc.query(
                "SELECT processor_name, segment, token, token_type FROM token_entry WHERE processor_name = ANY(?)",
                rs -> {
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Object[] {
                                rs.getInt(2), read(rs.getString(1), rs.getInt(2), rs.getBytes(3), rs.getString(4))
                            });
                },
                (Object) projections.toArray(String[]::new));
        if (!rows.keySet().containsAll(projections)) {
            return null;
        }
        var lagging = new ArrayList<SegmentToken>();
        rows.forEach((processor, segments) -> {
            var ids = segments.stream().mapToInt(row -> (int) row[0]).toArray();
            for (var row : segments) {
                var token = (TrackingToken) row[1];
                if (!coversAllUpTo(token, position)) {
                    lagging.add(new SegmentToken(processor, Segment.computeSegment((int) row[0], ids), token));
                }
            }
        });
        return lagging;
    }

    private boolean handles(String processor, String payloadType) {
        return handled.computeIfAbsent(processor, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(payloadType, type -> handles.test(processor, type));
    }

    /** Whether the token has seen every position up to this one: past its index, and no gap at or below it. */
    static boolean coversAllUpTo(TrackingToken token, long position) {
        var current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position
                    && gapAware.getGaps().headSet(position + 1).isEmpty();
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    /** Whether the token has seen this one position. */
    static boolean covers(TrackingToken token, long position) {
        var current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    private static long index(TrackingToken token) {
        var current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return current == null ? -1 : current.position().orElse(-1);
    }

    private static SortedSet<Long> gaps(TrackingToken token) {
        var current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return current instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps() : new TreeSet<>();
    }

    /** A segment's token, deserialised again only when its bytes changed since it was last read. */
    private TrackingToken read(String processor, int segment, byte[] bytes, String type) {
        var key = new SegmentOf(processor, segment);
        var last = lastRead.get(key);
        if (last != null && Arrays.equals(last.bytes(), bytes) && Objects.equals(last.type(), type)) {
            return last.token();
        }
        var token = token(serializer, bytes, type);
        lastRead.put(key, new ReadToken(bytes, type, token));
        return token;
    }

    /** A token as stored in {@code token_entry}; null when a segment has none yet. */
    public static TrackingToken token(Serializer serializer, byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
