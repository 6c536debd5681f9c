package io.identity.query.user;

import io.identity.query.privacy.IpRetention;
import io.identity.query.web.SecretFields;
import io.identity.support.auth.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * read, every session with its last use, every membership period, the invitations to their address, the audit
 * log's entries by or about them, and the account's own history from the event store (its own events, its
 * sessions', its failed sign-ins, its mails' outcomes), decrypted, with every hash of a secret left out.
 */
@RestController
class ExportController {

    private static final List<String> SECURITY_EVENTS =
            List.of("io.identity.events.security.LoginFailed", "io.identity.events.security.LoginThrottled");
    /** What became of each mail sent to them (its template, outcome and attempts; the mail itself is not kept). */
    private static final List<String> MAILS = List.of("io.identity.events.mail.MailDelivery");
    /** The events whose {@code email} the person proved theirs. */
    private static final Set<String> PROVEN_ADDRESSES = Set.of("EmailVerified", "EmailChanged");

    private final UserQueryController users;
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final Serializer serializer;
    private final JsonMapper json;
    private final IpRetention ipRetention;
    private final Clock clock = Clock.systemUTC();

    ExportController(
            UserQueryController users,
            JdbcTemplate jdbc,
            EventStore eventStore,
            @Qualifier("eventSerializer") Serializer serializer,
            JsonMapper json,
            IpRetention ipRetention) {
        this.users = users;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.serializer = serializer;
        this.json = json;
        this.ipRetention = ipRetention;
    }

    record HistoryItem(
            String type, Instant occurredAt, String aggregateId, String ip, String userAgent, JsonNode data) {}

    /**
     * @param memberships every period of a membership with one role, past ones too
     * @param invitations the invitations to the person's address, or that they accepted
     * @param audit       the audit log's entries by them or about them (their actions in companies, with where
     *                    they came from), newest first
     */
    record Export(
            Instant exportedAt,
            UserViews.Me user,
            List<Map<String, Object>> identities,
            List<Map<String, Object>> sessions,
            List<Map<String, Object>> memberships,
            List<Map<String, Object>> invitations,
            List<Map<String, Object>> audit,
            List<HistoryItem> history) {}

    @GetMapping("/api/v1/users/me/export")
    ResponseEntity<Export> export(Caller caller) {
        var me = users.me(caller);
        var sessions = jdbc.queryForList(
                "SELECT s.session_id AS \"sessionId\", method, ip, user_agent AS \"userAgent\", "
                        + "created_at AS \"createdAt\", expires_at AS \"expiresAt\", ended_at AS \"endedAt\", "
                        + "a.last_used_at AS \"lastUsedAt\" FROM sessions s LEFT JOIN session_activity a "
                        + "ON a.session_id = s.session_id WHERE user_id = ? ORDER BY created_at",
                caller.userId());
        var memberships = jdbc.queryForList(
                "SELECT h.company_id AS \"companyId\", c.name AS \"companyName\", h.role, "
                        + "h.valid_from AS \"from\", h.valid_to AS \"to\" FROM membership_history h LEFT JOIN companies c "
                        + "ON c.company_id = h.company_id WHERE h.user_id = ? ORDER BY h.valid_from",
                caller.userId());
        var audit = jdbc.queryForList(
                "SELECT position, type, aggregate_type AS \"aggregateType\", aggregate_id "
                        + "AS \"aggregateId\", actor_id AS \"actorId\", occurred_at AS \"occurredAt\", ip, user_agent AS "
                        + "\"userAgent\", data::text AS data FROM audit_events WHERE actor_id = ? OR user_id = ? "
                        + "OR data_subject = ? ORDER BY position DESC",
                caller.userId(),
                caller.userId(),
                caller.userId());
        audit.forEach(entry -> entry.put("data", json.readTree((String) entry.get("data"))));
        var identities = jdbc.queryForList(
                "SELECT provider, subject, email, linked_at AS \"linkedAt\" "
                        + "FROM external_identities WHERE user_id = ? ORDER BY linked_at",
                caller.userId());
        var history = new ArrayList<HistoryItem>();
        addStream(history, caller.userId().toString());
        sessions.forEach(session -> addStream(history, session.get("sessionId").toString()));
        addUnsequenced(history, SECURITY_EVENTS, "userId", caller.userId());
        addUnsequenced(history, MAILS, "subjectId", caller.userId());
        history.sort(Comparator.comparing(HistoryItem::occurredAt));
        // the invitations to every address they proved theirs, the one they have now and those they had before
        var addresses = new LinkedHashSet<String>();
        if (me.email() != null && me.emailVerified()) {
            addresses.add(me.email().toLowerCase(Locale.ROOT));
        }
        history.stream()
                .filter(item -> PROVEN_ADDRESSES.contains(item.type()))
                .map(item -> item.data().path("email").asString(null))
                .filter(Objects::nonNull)
                .forEach(address -> addresses.add(address.toLowerCase(Locale.ROOT)));
        var invitations = jdbc.queryForList(
                "SELECT invitation_id AS \"invitationId\", company_id AS \"companyId\", "
                        + "email, role, status, created_at AS \"createdAt\", expires_at AS \"expiresAt\", "
                        + "responded_at AS \"respondedAt\" FROM invitations WHERE accepted_by = ? "
                        + "OR lower(email) = ANY(?) ORDER BY created_at",
                caller.userId(),
                addresses.toArray(String[]::new));
        var body = new Export(clock.instant(), me, identities, sessions, memberships, invitations, audit, history);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("identity-export-" + caller.userId() + ".json")
                                .build()
                                .toString())
                .body(body);
    }

    private void addStream(List<HistoryItem> history, String aggregateId) {
        // every event from the first: a snapshot (the command side's) is no part of the history
        eventStore.readEvents(aggregateId, 0).forEachRemaining(event -> history.add(item(event, aggregateId)));
    }

    private HistoryItem item(DomainEventMessage<?> event, String aggregateId) {
        var metaData = event.getMetaData();
        return new HistoryItem(
                event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                aggregateId,
                ipRetention.kept((String) metaData.get("ip"), event.getTimestamp()),
                ipRetention.kept((String) metaData.get("userAgent"), event.getTimestamp()),
                SecretFields.removed(json.valueToTree(event.getPayload())));
    }

    /**
     * Events of no aggregate about them, named by {@code field} (failed sign-ins, mails' outcomes); their payloads
     * hold no personal data, their metadata may.
     */
    private void addUnsequenced(List<HistoryItem> history, List<String> types, String field, UUID userId) {
        jdbc.query(
                "SELECT payload_type, convert_from(payload, 'UTF8'), meta_data, time_stamp, aggregate_identifier "
                        + "FROM domain_event_entry WHERE payload_type = ANY(?) "
                        + "AND convert_from(payload, 'UTF8')::jsonb->>? = ?",
                rs -> {
                    MetaData metaData = serializer.deserialize(
                            new SimpleSerializedObject<>(rs.getBytes(3), byte[].class, MetaData.class.getName(), null));
                    var type = rs.getString(1);
                    var at = Instant.parse(rs.getString(4));
                    history.add(new HistoryItem(
                            type.substring(type.lastIndexOf('.') + 1),
                            at,
                            rs.getString(5),
                            ipRetention.kept((String) metaData.get("ip"), at),
                            ipRetention.kept((String) metaData.get("userAgent"), at),
                            SecretFields.removed(json.readTree(rs.getString(2)))));
                },
                (Object) types.toArray(String[]::new),
                field,
                userId.toString());
    }
}
