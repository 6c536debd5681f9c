package io.identity.query.privacy;

import io.identity.support.privacy.PersonalDataKeys;
import io.identity.support.privacy.ProtectingSerializer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An invitation's address is kept for {@code identity.privacy.invitation-retention} (90 days) after the invitation
 * ended (answered, revoked or expired): then the command side shreds its key, and this job takes the address out
 * of the invitations model and of the audit log's entries about it, as an erasure does. Idempotent, on every
 * instance.
 */
@Component
class InvitationRetention {

    private static final Logger log = LoggerFactory.getLogger(InvitationRetention.class);

    private final JdbcTemplate jdbc;
    private final PersonalDataKeys keys;
    private final Clock clock;
    private final Duration retention;

    @Autowired
    InvitationRetention(JdbcTemplate jdbc, PersonalDataKeys keys, PrivacySettings settings) {
        this(jdbc, keys, Clock.systemUTC(), settings.invitationRetention());
    }

    InvitationRetention(JdbcTemplate jdbc, PersonalDataKeys keys, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${identity.privacy.retention-check-interval:1h}", initialDelayString = "PT2M")
    void purge() {
        var ended = Timestamp.from(clock.instant().minus(retention));
        var invitations = jdbc.queryForList(
                "UPDATE invitations SET email = ? WHERE email <> ? "
                        + "AND coalesce(responded_at, expires_at) < ? RETURNING invitation_id",
                UUID.class,
                ProtectingSerializer.ERASED,
                ProtectingSerializer.ERASED,
                ended);
        if (invitations.isEmpty()) {
            return;
        }
        invitations.forEach(keys::forget);
        // the invitation's own entries (MemberInvited) hold its address, its only personal field
        var entries = jdbc.update(
                "UPDATE audit_events SET data = jsonb_set(data, '{email}', to_jsonb(?::text)) "
                        + "WHERE data_subject = ANY(?) AND data ->> 'email' <> ?",
                ProtectingSerializer.ERASED,
                invitations.toArray(UUID[]::new),
                ProtectingSerializer.ERASED);
        log.info(
                "Took the address out of {} invitations ended before {} and {} audit entries about them",
                invitations.size(),
                ended.toInstant(),
                entries);
    }
}
