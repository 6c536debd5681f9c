package io.identity.support.privacy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.serialization.SerializedType;

/**
 * The values stored bytes were read as, kept for the other processors of a side, which read every event too: the
 * first one's result (decrypted, deserialised) serves the others. A read is kept no longer than the data keys are,
 * and is not used once an erasure is known, so that it reveals nothing a read of the store at that moment would not.
 */
final class KeptReads {

    private final Map<Stored, Read> reads;
    private final long lifetimeNanos;
    private final LongSupplier erasures;

    /** Stored bytes of one type, compared by content. */
    private static final class Stored {

        private final SerializedType type;
        private final byte[] data;
        private final int hash;

        Stored(SerializedType type, byte[] data) {
            this.type = type;
            this.data = data;
            this.hash = 31 * type.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stored stored
                    && hash == stored.hash
                    && type.equals(stored.type)
                    && Arrays.equals(data, stored.data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What stored bytes read as, when, and the count of erasures known then. */
    private record Read(long erasures, long readAt, Object value) {}

    /**
     * @param size     how many reads to keep
     * @param lifetime how long a read is kept: the data keys' cache lifetime
     * @param erasures the count of erasures known so far
     */
    KeptReads(int size, Duration lifetime, LongSupplier erasures) {
        this.lifetimeNanos = lifetime.toNanos();
        this.erasures = erasures;
        // the oldest read goes first: the processors read the same events one after the other, each a little
        // behind or ahead of the others, so what was read last is what is asked for next (a cache that weighs
        // how often an entry was used turns the newest reads away)
        this.reads = Collections.synchronizedMap(new LinkedHashMap<>(size * 2, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Stored, Read> eldest) {
                return size() > size;
            }
        });
    }

    /** The value kept for these bytes, or what {@code read} reads them as now, kept for the next reader. */
    @SuppressWarnings("unchecked")
    <T> T read(SerializedType type, byte[] data, Supplier<T> read) {
        var stored = new Stored(type, data);
        var erasuresNow = erasures.getAsLong();
        var now = System.nanoTime();
        var kept = reads.get(stored);
        if (kept != null && kept.erasures() == erasuresNow && now - kept.readAt() < lifetimeNanos) {
            return (T) kept.value();
        }
        T value = read.get();
        reads.put(stored, new Read(erasuresNow, now, value));
        return value;
    }
}
