package io.identity.support.privacy;

import io.identity.support.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-person data keys that encrypt personal data in events, kept in {@code events.personal_data_keys},
 * sealed with the master key, shared by every instance of both sides; and one key a day for what is about nobody
 * known. Keys are cached briefly; an erased
 * person's key is gone from the table at once and from every cache within the cache's lifetime.
 */
public class PersonalDataKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final long lifetimeNanos;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong erasures = new AtomicLong();

    private record Cached(SecretKeySpec key, long loadedAt) {}

    public PersonalDataKeys(JdbcTemplate jdbc, MasterKey masterKey, Duration cacheLifetime) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.lifetimeNanos = cacheLifetime.toNanos();
    }

    /** The person's key, made on first use (in the caller's transaction, with the event it encrypts). */
    public SecretKeySpec keyFor(UUID subject) {
        return keyFor(subject, null);
    }

    private SecretKeySpec keyFor(UUID subject, LocalDate anonymousDay) {
        return find(subject).orElseGet(() -> {
            var bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            if (isErased(subject)) {
                // a key nobody keeps: what it seals reads back erased, as everything else of theirs does
                return new SecretKeySpec(bytes, "AES");
            }
            jdbc.update(
                    "INSERT INTO personal_data_keys (subject_id, data_key, anonymous_day) VALUES (?, ?, ?) "
                            + "ON CONFLICT (subject_id) DO NOTHING",
                    subject,
                    masterKey.seal(bytes, context(subject)),
                    anonymousDay);
            return find(subject).orElseThrow(() -> new IllegalStateException("data key vanished while made"));
        });
    }

    /**
     * The subject whose key seals what is about nobody known on {@code day}: one per day (the same on every
     * instance), made on first use, deleted by {@link #purgeAnonymous} once the day is past its retention.
     */
    public UUID anonymousSubject(LocalDate day) {
        var subject = UUID.nameUUIDFromBytes(("anonymous:" + day).getBytes(StandardCharsets.UTF_8));
        keyFor(subject, day);
        return subject;
    }

    /** Deletes the keys of the days before {@code firstKept}: what they sealed can never be read again. */
    public int purgeAnonymous(LocalDate firstKept) {
        var purged = jdbc.queryForList(
                "DELETE FROM personal_data_keys WHERE anonymous_day < ? RETURNING subject_id", UUID.class, firstKept);
        purged.forEach(this::forget);
        return purged.size();
    }

    /** The person's key, or empty once they are erased. */
    public Optional<SecretKeySpec> find(UUID subject) {
        var cached = cache.get(subject);
        if (cached != null && System.nanoTime() - cached.loadedAt() < lifetimeNanos) {
            return Optional.of(cached.key());
        }
        var sealed = jdbc.queryForList(
                "SELECT data_key FROM personal_data_keys WHERE subject_id = ?", byte[].class, subject);
        if (sealed.isEmpty()) {
            cache.remove(subject);
            return Optional.empty();
        }
        var key = new SecretKeySpec(masterKey.open(sealed.get(0), context(subject)), "AES");
        cache.put(subject, new Cached(key, System.nanoTime()));
        return Optional.of(key);
    }

    /**
     * Erasure: the key is deleted, in the caller's transaction; what it encrypted can never be read again, and the
     * subject never gets a key again.
     */
    public void erase(UUID subject) {
        jdbc.update("DELETE FROM personal_data_keys WHERE subject_id = ?", subject);
        jdbc.update("INSERT INTO erased_subjects (subject_id) VALUES (?) ON CONFLICT DO NOTHING", subject);
        // a snapshot of the person's aggregate holds their data as the aggregate does, unencrypted: it goes too
        // (the next one, if any, is made from events that read back erased)
        jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", subject.toString());
        forget(subject);
    }

    private boolean isErased(UUID subject) {
        return !jdbc.queryForList("SELECT 1 FROM erased_subjects WHERE subject_id = ?", Integer.class, subject)
                .isEmpty();
    }

    /** Drops a cached key, when this instance learns of an erasure made elsewhere. */
    public void forget(UUID subject) {
        cache.remove(subject);
        erasures.incrementAndGet();
    }

    /**
     * How many erasures this instance has learnt of: what was read with the keys of an earlier count may hold
     * data that can no longer be read.
     */
    public long erasures() {
        return erasures.get();
    }

    /** How long a key is kept in memory, and so how long anything read with it may be kept. */
    public Duration cacheLifetime() {
        return Duration.ofNanos(lifetimeNanos);
    }

    private static String context(UUID subject) {
        return "personal-data-key:" + subject;
    }
}
