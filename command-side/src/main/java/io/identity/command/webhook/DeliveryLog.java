package io.identity.command.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The deliveries of every webhook, in PostgreSQL: the queue the dispatchers of all instances work from, and the log
 * each webhook's deliveries are shown from. A delivery is due when its time has come, no instance holds a claim on
 * it, and every earlier delivery of the same key to the same webhook has arrived or been given up: so a key's events
 * reach a webhook in order, however many instances send, and a failing one holds back only its own key.
 */
@Component
class DeliveryLog {

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event of the stream as the webhooks see it. */
    record Event(String id, String type, String key, long position, UUID companyId, byte[] body) {}

    /**
     * Queues the event for every webhook that wants it: of its type, made before it, and for the operators or for
     * the company it belongs to ({@code companyId}, null for an event of no company). Recording it again (a
     * redelivered message) changes nothing.
     *
     * @return how many deliveries were queued
     */
    int record(Event event) {
        return jdbc.update(
                "INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, event_key, position, body) "
                        + "SELECT webhook_id, ?, ?, ?, ?, ? FROM webhooks WHERE ? = ANY (event_types) "
                        + "AND from_position < ? AND (company_id IS NULL OR company_id = ?) "
                        + "ON CONFLICT (webhook_id, event_id) DO NOTHING",
                event.id(),
                event.type(),
                event.key(),
                event.position(),
                event.body(),
                event.type(),
                event.position(),
                event.companyId());
    }

    /**
     * Gives up, unsent, the pending deliveries of the keys (an erased person, their invitations) recorded before the
     * erasure at {@code position}, and drops their bodies, which hold what was erased.
     */
    int forgetErased(List<String> keys, long position) {
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.update(
                "UPDATE webhook_deliveries SET status = 'FAILED', last_error = 'erased', body = NULL, "
                        + "claimed_until = NULL, done_at = now() WHERE status = 'PENDING' AND event_key = ANY (?::text[]) "
                        + "AND position < ?",
                keys.toArray(String[]::new),
                position);
    }

    /** A delivery claimed for sending. */
    record Claimed(long id, UUID webhookId, String eventId, byte[] body, int attempts, Instant createdAt) {}

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}, each the first of its key and webhook still to
     * go; rows another instance is claiming at the same moment are skipped, not waited for.
     */
    List<Claimed> claim(int limit, Duration lease) {
        return jdbc.query(
                "UPDATE webhook_deliveries SET claimed_until = now() + ?::interval WHERE id IN ("
                        + "SELECT d.id FROM webhook_deliveries d WHERE d.status = 'PENDING' "
                        + "AND d.next_attempt_at <= now() AND (d.claimed_until IS NULL OR d.claimed_until < now()) "
                        + "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.status = 'PENDING' "
                        + "AND e.webhook_id = d.webhook_id AND e.event_key = d.event_key "
                        + "AND (e.position, e.id) < (d.position, d.id)) "
                        + "ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, webhook_id, event_id, body, attempts, created_at",
                (rs, row) -> new Claimed(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getBytes(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant()),
                lease.toString(),
                limit);
    }

    /** The target answered 2xx: the delivery is done, and its body is dropped. */
    void delivered(long id, int status) {
        jdbc.update(
                "UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_response_code = ?, "
                        + "last_error = NULL, body = NULL, claimed_until = NULL, last_attempt_at = now(), "
                        + "done_at = now() WHERE id = ?",
                status,
                id);
    }

    /** An attempt failed ({@code status} null when there was no answer): tried again after {@code wait}. */
    void retry(long id, Integer status, String error, Duration wait) {
        jdbc.update(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_response_code = ?, last_error = ?, "
                        + "claimed_until = NULL, last_attempt_at = now(), next_attempt_at = now() + ?::interval "
                        + "WHERE id = ?",
                status,
                error,
                wait.toString(),
                id);
    }

    /** The last attempt failed and the time for retries is over: the next delivery of the key may go. */
    void giveUp(long id, Integer status, String error) {
        jdbc.update(
                "UPDATE webhook_deliveries SET status = 'FAILED', attempts = attempts + 1, last_response_code = ?, "
                        + "last_error = ?, body = NULL, claimed_until = NULL, last_attempt_at = now(), done_at = now() "
                        + "WHERE id = ?",
                status,
                error,
                id);
    }

    /** Gives a claim back untried, for another round. */
    void release(long id) {
        jdbc.update("UPDATE webhook_deliveries SET claimed_until = NULL WHERE id = ?", id);
    }

    /** A delivery as the log shows it (§14); {@code id} orders the list and makes its cursor. */
    record Shown(
            @JsonIgnore long id,
            String eventId,
            String eventType,
            String subject,
            String status,
            int attempts,
            Integer lastResponseCode,
            String lastError,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant deliveredAt) {}

    /** A webhook's deliveries, newest first, those before {@code before} (a delivery's id) when given. */
    List<Shown> list(UUID webhookId, Long before, int limit) {
        return jdbc.query(
                "SELECT id, event_id, event_type, event_key, status, attempts, last_response_code, last_error, "
                        + "created_at, last_attempt_at, next_attempt_at, done_at FROM webhook_deliveries "
                        + "WHERE webhook_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                (rs, row) -> new Shown(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        (Integer) rs.getObject(7),
                        rs.getString(8),
                        instant(rs.getTimestamp(9)),
                        instant(rs.getTimestamp(10)),
                        "PENDING".equals(rs.getString(5)) ? instant(rs.getTimestamp(11)) : null,
                        "DELIVERED".equals(rs.getString(5)) ? instant(rs.getTimestamp(12)) : null),
                webhookId,
                before != null ? before : Long.MAX_VALUE,
                limit);
    }

    /** Forgets deliveries that arrived or were given up more than {@code retention} ago. */
    int forget(Duration retention) {
        return jdbc.update(
                "DELETE FROM webhook_deliveries WHERE status <> 'PENDING' AND done_at < now() - ?::interval",
                retention.toString());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp != null ? timestamp.toInstant() : null;
    }
}
