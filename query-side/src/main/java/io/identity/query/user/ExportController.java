package io.identity.query.user;

import io.identity.query.privacy.IpRetention;
import io.identity.query.web.SecretFields;
import io.identity.support.auth.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/users/me/export}: everything held about the caller (GDPR Art. 15 and 20): the profile as
 * read, every session, and the account's own history from the event store (its own events, its sessions', its
 * failed sign-ins), decrypted, with every hash of a secret left out.
 */
@RestController
class ExportController {

    private static final List<String> SECURITY_EVENTS = List.of("io.identity.events.security.LoginFailed",
            "io.identity.events.security.LoginThrottled");

    private final UserQueryController users;
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final JsonMapper json;
    private final IpRetention ipRetention;
    private final Clock clock = Clock.systemUTC();

    ExportController(UserQueryController users, JdbcTemplate jdbc, EventStore eventStore,
                     @Qualifier("eventSerializer") Serializer serializer, JsonMapper json, IpRetention ipRetention) {
        this.users = users;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.json = json;
        this.ipRetention = ipRetention;
    }

    record HistoryItem(String type, Instant occurredAt, String aggregateId, String ip, String userAgent,
                       JsonNode data) {
    }

    record Export(Instant exportedAt, UserViews.Me user, List<Map<String, Object>> identities,
                  List<Map<String, Object>> sessions, List<HistoryItem> history) {
    }

    @GetMapping("/api/v1/users/me/export")
    ResponseEntity<Export> export(Caller caller) {
        var me = users.me(caller);
        var sessions = jdbc.queryForList("SELECT session_id AS \"sessionId\", method, ip, user_agent AS \"userAgent\", "
                + "created_at AS \"createdAt\", expires_at AS \"expiresAt\", ended_at AS \"endedAt\" FROM sessions "
                + "WHERE user_id = ? ORDER BY created_at", caller.userId());
        var identities = jdbc.queryForList("SELECT provider, subject, email, linked_at AS \"linkedAt\" "
                + "FROM external_identities WHERE user_id = ? ORDER BY linked_at", caller.userId());
        var history = new ArrayList<HistoryItem>();
        addStream(history, caller.userId().toString());
        sessions.forEach(session -> addStream(history, session.get("sessionId").toString()));
        addSecurityEvents(history, caller.userId());
        history.sort(Comparator.comparing(HistoryItem::occurredAt));
        var body = new Export(clock.instant(), me, identities, sessions, history);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("identity-export-" + caller.userId() + ".json").build().toString())
                .body(body);
    }

    private void addStream(List<HistoryItem> history, String aggregateId) {
        // every event from the first: a snapshot (the command side's) is no part of the history
        eventStore.readEvents(aggregateId, 0).forEachRemaining(event -> history.add(item(event, aggregateId)));
    }

    private HistoryItem item(DomainEventMessage<?> event, String aggregateId) {
        var metaData = event.getMetaData();
        return new HistoryItem(event.getPayloadType().getSimpleName(), event.getTimestamp(), aggregateId,
                ipRetention.kept((String) metaData.get("ip"), event.getTimestamp()),
                ipRetention.kept((String) metaData.get("userAgent"), event.getTimestamp()),
                SecretFields.removed(json.valueToTree(event.getPayload())));
    }

    /** Failed sign-ins belong to no aggregate; their payloads hold no personal data, their metadata may. */
    private void addSecurityEvents(List<HistoryItem> history, UUID userId) {
        jdbc.query("SELECT payload_type, convert_from(payload, 'UTF8'), meta_data, time_stamp, aggregate_identifier "
                + "FROM domain_event_entry WHERE payload_type = ANY(?) "
                + "AND convert_from(payload, 'UTF8')::jsonb->>'userId' = ?", rs -> {
            MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                    MetaData.class.getName(), null));
            var type = rs.getString(1);
            var at = Instant.parse(rs.getString(4));
            history.add(new HistoryItem(type.substring(type.lastIndexOf('.') + 1), at, rs.getString(5),
                    ipRetention.kept((String) metaData.get("ip"), at),
                    ipRetention.kept((String) metaData.get("userAgent"), at),
                    SecretFields.removed(json.readTree(rs.getString(2)))));
        }, (Object) SECURITY_EVENTS.toArray(String[]::new), userId.toString());
    }
}
