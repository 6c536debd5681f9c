package io.identity.command.user;

import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills {@code profile_lookup} once from the events stored before it existed: their profile fields are sealed in
 * the store, so no migration can read them. One instance does it (under a transaction lock, recorded in
 * {@code lookup_backfills}); events appended meanwhile reach the table through {@link ProfileLookup} as well, and
 * the fill reads the store to its end, so the last word on every field is the newest event's.
 */
@Component
class ProfileLookupBackfill {

    static final String NAME = "profile_lookup";
    private static final Logger log = LoggerFactory.getLogger(ProfileLookupBackfill.class);
    private static final int LOCK = 0x50524f46;

    private final EventStore events;
    private final ProfileLookup lookup;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ProfileLookupBackfill(
            EventStore events, ProfileLookup lookup, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.events = events;
        this.lookup = lookup;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            var filled = fill();
            if (filled > 0) {
                log.info("Filled the profile lookup from {} stored events", filled);
            }
        } catch (RuntimeException e) {
            // the next start tries again; until then a profile's claims are those changed since this version
            log.warn(
                    "Could not fill the profile lookup from the stored events: {}",
                    e.getClass().getSimpleName());
        }
    }

    /** Fills the table unless that was done; returns how many events it applied (0 when it had been done). */
    int fill() {
        Integer applied = transactions.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
            var done = jdbc.queryForObject("SELECT count(*) FROM lookup_backfills WHERE name = ?", Integer.class, NAME);
            if (done > 0) {
                return 0;
            }
            var count = 0;
            try (var stream = events.openStream(null)) {
                while (stream.hasNextAvailable()) {
                    var payload = stream.nextAvailable().getPayload();
                    if (payload instanceof UserRegistered event) {
                        lookup.on(event);
                    } else if (payload instanceof ProfileUpdated event) {
                        lookup.on(event);
                    } else if (payload instanceof SettingsChanged event) {
                        lookup.on(event);
                    } else if (payload instanceof UserErased event) {
                        lookup.on(event);
                    } else {
                        continue;
                    }
                    count++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while filling the profile lookup", e);
            }
            jdbc.update("INSERT INTO lookup_backfills (name, done_at) VALUES (?, now())", NAME);
            return count;
        });
        return applied == null ? 0 : applied;
    }
}
