package io.identity.command.webhook;

import io.identity.events.webhook.WebhookCreated;
import io.identity.events.webhook.WebhookDeleted;
import io.identity.events.webhook.WebhookUpdated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live webhooks as their events leave them, kept in the events' own transaction; a deleted webhook's row, its
 * secret and its delivery log go with its {@code WebhookDeleted}.
 */
@Component
@ProcessingGroup(WebhookLookup.GROUP)
class WebhookLookup {

    static final String GROUP = "webhooks";
    private static final String COLUMNS =
            "webhook_id, company_id, url, event_types, description, created_at, updated_at FROM webhooks";

    private final JdbcTemplate jdbc;

    WebhookLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A live webhook. */
    record Entry(
            UUID webhookId,
            UUID companyId,
            String url,
            List<String> eventTypes,
            String description,
            Instant createdAt,
            Instant updatedAt) {

        WebhookFields.Config config() {
            return new WebhookFields.Config(url, eventTypes, description);
        }
    }

    Optional<Entry> find(UUID webhookId) {
        return jdbc.query("SELECT " + COLUMNS + " WHERE webhook_id = ?", WebhookLookup::entry, webhookId).stream()
                .findFirst();
    }

    /** A company's webhooks, or the operators' (company null), by id after {@code after}. */
    List<Entry> list(UUID companyId, UUID after, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " WHERE company_id IS NOT DISTINCT FROM ? AND webhook_id > ? "
                        + "ORDER BY webhook_id LIMIT ?",
                WebhookLookup::entry,
                companyId,
                after != null ? after : new UUID(0, 0),
                limit);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        var updated = rs.getTimestamp(7);
        return new Entry(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                Arrays.asList((String[]) rs.getArray(4).getArray()),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                updated != null ? updated.toInstant() : null);
    }

    @EventHandler
    void on(WebhookCreated event) {
        jdbc.update(
                "INSERT INTO webhooks (webhook_id, company_id, url, event_types, description, created_by, created_at, "
                        + "from_position) VALUES (?, ?, ?, ?::text[], ?, ?, ?, "
                        + "(SELECT coalesce(max(global_index), 0) FROM domain_event_entry)) ON CONFLICT DO NOTHING",
                event.webhookId(),
                event.companyId(),
                event.url(),
                event.eventTypes().toArray(String[]::new),
                event.description(),
                event.createdBy(),
                Timestamp.from(event.createdAt()));
    }

    @EventHandler
    void on(WebhookUpdated event) {
        jdbc.update(
                "UPDATE webhooks SET url = ?, event_types = ?::text[], description = ?, updated_at = ? "
                        + "WHERE webhook_id = ?",
                event.url(),
                event.eventTypes().toArray(String[]::new),
                event.description(),
                Timestamp.from(event.updatedAt()),
                event.webhookId());
    }

    @EventHandler
    void on(WebhookDeleted event) {
        jdbc.update("DELETE FROM webhook_deliveries WHERE webhook_id = ?", event.webhookId());
        jdbc.update("DELETE FROM webhook_secrets WHERE webhook_id = ?", event.webhookId());
        jdbc.update("DELETE FROM webhooks WHERE webhook_id = ?", event.webhookId());
    }
}
