package io.identity.command.handling;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Objects;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Aggregates kept in memory between commands, so that a command does not load a snapshot and the events after it,
 * decrypting and deserialising each. Several instances write to one event store, so an entry is trusted only
 * when the store confirms it: its last sequence number is the aggregate's last stored one (one read of the
 * store's unique index), read in the command's own transaction before it decides anything. A stale entry is
 * dropped and the aggregate loaded from the store, as without a cache.
 *
 * <p>An entry is only ever the state after a commit. Axon stores it while the command's unit of work commits,
 * which happens inside this side's database transaction; it counts from the moment that transaction commits,
 * and is dropped if the transaction rolls back (another aggregate's rule failing later in the same request, a
 * lost race at commit). Without this, a rolled-back state could meet a store where another instance had since
 * appended the same sequence number, and pass the check. Work outside a transaction caches nothing.
 *
 * <p>Entries live for {@code lifetime} at most, as the personal-data keys do: an entry holds the person's data in
 * clear, and an erasure on another instance must not leave it here for longer.
 */
public class CheckedAggregateCache implements Cache {

    private static final Field VERSION = versionField();

    private final JdbcTemplate jdbc;
    private final com.github.benmanes.caffeine.cache.Cache<Object, Held> held;
    private final Counter hits;
    private final Counter stale;
    private final Counter misses;

    /** An entry, and whether the transaction that stored it has committed. */
    private record Held(Object entry, boolean committed) {}

    public CheckedAggregateCache(JdbcTemplate jdbc, int size, Duration lifetime, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.held = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterWrite(lifetime)
                .build();
        this.hits = counter(meters, "hit");
        this.stale = counter(meters, "stale");
        this.misses = counter(meters, "miss");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("identity.aggregate.cache")
                .tag("result", result)
                .description("Aggregate loads: found and confirmed, found but stale, or not found")
                .register(meters);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        var found = held.getIfPresent(key);
        if (found == null || !found.committed()) {
            misses.increment();
            return null;
        }
        var version = versionOf(found.entry());
        var stored = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                key.toString());
        if (version == null || !version.equals(stored)) {
            held.asMap().remove(key, found);
            stale.increment();
            return null;
        }
        hits.increment();
        return (V) found.entry();
    }

    @Override
    public void put(Object key, Object value) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            held.invalidate(key);
            return;
        }
        var pending = new Held(value, false);
        held.put(key, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    held.asMap().replace(key, pending, new Held(value, true));
                } else {
                    held.asMap().remove(key, pending);
                }
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (held.asMap().containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public boolean remove(Object key) {
        return held.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        held.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return held.asMap().containsKey(key);
    }

    /** Entries are never announced: the repositories that use this cache listen to none. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        Objects.requireNonNull(listener);
        return () -> true;
    }

    private static Long versionOf(Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Axon keeps an entry's last sequence number without a getter. */
    private static Field versionField() {
        try {
            var field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("AggregateCacheEntry.version is gone: check Axon's upgrade", e);
        }
    }
}
