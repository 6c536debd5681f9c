package io.identity.support.axon;

import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * An event's own global index, as its stream delivers it. A tracking token's position is the highest index the
 * stream has seen, which is the event's own only when the event came in order: an event whose transaction
 * committed after later ones fills a gap below that position. {@link PollingEventSource} works out the event's
 * own index from the tokens before and after it and puts it in the message's metadata under {@link #KEY}.
 */
public final class GlobalIndex {

    public static final String KEY = "globalIndex";

    private GlobalIndex() {}

    /** The event's own index: from its metadata when its source set it, else its token's position. */
    public static long of(EventMessage<?> event, TrackingToken token) {
        var own = event.getMetaData().get(KEY);
        if (own instanceof Number number) {
            return number.longValue();
        }
        return token == null ? -1 : token.position().orElse(-1);
    }

    /**
     * The index of the event that moved the token from {@code before} to {@code after}: the new index when it
     * advanced, else the one gap it filled; null when that cannot be told (gaps expired at the same time).
     */
    static Long between(TrackingToken before, TrackingToken after) {
        var next = after == null ? null : WrappedToken.unwrapLowerBound(after);
        if (!(next instanceof GapAwareTrackingToken now)) {
            return next == null ? null : next.position().orElse(-1);
        }
        var previous = before == null ? null : WrappedToken.unwrapLowerBound(before);
        if (!(previous instanceof GapAwareTrackingToken then) || now.getIndex() > then.getIndex()) {
            return now.getIndex();
        }
        Long filled = null;
        for (var gap : then.getGaps()) {
            if (!now.getGaps().contains(gap)) {
                if (filled != null) {
                    return null;
                }
                filled = gap;
            }
        }
        return filled;
    }

    /**
     * The message with its own index in its metadata. The stored metadata is read (deserialised, its personal
     * fields decrypted) only when someone asks for it: merging the index in at once cost every processor that
     * reads the stream that work for every event, whether its handlers wanted the metadata or not.
     */
    static <T> TrackedEventMessage<T> tag(TrackedEventMessage<T> event, long index) {
        var indexed = new Indexed<>(event, index);
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericTrackedDomainEventMessage<>(
                    event.trackingToken(),
                    domain.getType(),
                    domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(),
                    indexed,
                    event::getTimestamp);
        }
        return new GenericTrackedEventMessage<>(event.trackingToken(), indexed, event::getTimestamp);
    }

    /** A message whose metadata is its own plus {@link #KEY}, merged on first use. */
    private static final class Indexed<T> extends MessageDecorator<T> {

        private final long index;
        private transient volatile MetaData merged;

        Indexed(Message<T> delegate, long index) {
            super(delegate);
            this.index = index;
        }

        @Override
        public MetaData getMetaData() {
            var metaData = merged;
            if (metaData == null) {
                metaData = getDelegate().getMetaData().and(KEY, index);
                merged = metaData;
            }
            return metaData;
        }

        @Override
        public <S> SerializedObject<S> serializeMetaData(Serializer serializer, Class<S> representation) {
            return serializer.serialize(getMetaData(), representation);
        }

        @Override
        public Message<T> withMetaData(Map<String, ?> metaData) {
            return getDelegate().withMetaData(metaData);
        }

        @Override
        public Message<T> andMetaData(Map<String, ?> metaData) {
            return getDelegate().withMetaData(getMetaData().mergedWith(metaData));
        }
    }
}
