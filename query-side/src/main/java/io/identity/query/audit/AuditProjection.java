package io.identity.query.audit;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import io.identity.events.privacy.AddressErased;
import io.identity.events.user.UserErased;
import io.identity.query.privacy.IpRetention;
import io.identity.query.processing.ProjectionJdbc;
import io.identity.query.web.SecretFields;
import io.identity.support.axon.GlobalIndex;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code audit_events} read model: one entry per event of the store, with its actor, address and client from
 * the event's metadata, and its data without any hash of a secret. When a person is erased, their personal data
 * in the entries becomes the placeholders the store itself then reads ({@code "[erased]"}, {@code {}}, {@code []}),
 * and the addresses and clients of their actions are dropped.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
class AuditProjection {

    static final String GROUP = "audit";
    private static final String EVENTS = "io.identity.events.";

    private final ProjectionJdbc jdbc;
    private final JsonMapper json;
    private final IpRetention ipRetention;
    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    AuditProjection(ProjectionJdbc jdbc, JsonMapper json, IpRetention ipRetention) {
        this.jdbc = jdbc;
        this.json = json;
        this.ipRetention = ipRetention;
    }

    /** Which component of an event class names its data subject, and which are personal data. */
    private record Shape(String subject, List<String> personal) {}

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        record(payload, event, token);
    }

    private void record(Object payload, EventMessage<?> event, TrackingToken token) {
        var type = payload.getClass();
        if (!type.getName().startsWith(EVENTS) || token.position().isEmpty()) {
            return;
        }
        var area = type.getName().substring(EVENTS.length(), type.getName().lastIndexOf('.'));
        var data = SecretFields.removed(json.valueToTree(payload));
        var shape = shapes.computeIfAbsent(type, AuditProjection::shapeOf);
        var domain = event instanceof DomainEventMessage<?> message ? message : null;
        var metadata = event.getMetaData();
        // an invitation is an aggregate of its own (or, made by an earlier version, lived in its company's): its
        // company is the one its data names; so is a webhook's (none for the operators' webhooks)
        var companyId = switch (area) {
            case "company" -> uuid(domain.getAggregateIdentifier());
            case "invitation", "webhook" -> uuid(text(data, "companyId"));
            default -> null;
        };
        // a consent (area client, as its applications' events) is a person's: their own log lists it
        var userId = switch (area) {
            case "user" -> uuid(domain.getAggregateIdentifier());
            case "session", "security", "client", "mfa" -> uuid(text(data, "userId"));
            default -> null;
        };
        var actorId = uuid((String) metadata.get("actorId"));
        var subject = shape.subject() != null ? uuid(text(data, shape.subject())) : null;
        // an event of a person already erased here (an event of another segment, processed after their erasure)
        // is written as the erasure left the others: what the store still read of it at that moment goes too
        jdbc.later(
                "INSERT INTO audit_events (position, event_id, type, aggregate_type, aggregate_id, actor_id, "
                        + "occurred_at, ip, user_agent, correlation_id, company_id, user_id, data_subject, personal, "
                        + "data) SELECT ?::bigint, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::uuid, "
                        + "?::timestamptz, CASE WHEN acted THEN NULL ELSE ?::varchar END, "
                        + "CASE WHEN acted THEN NULL ELSE ?::varchar END, ?::varchar, ?::uuid, ?::uuid, ?::uuid, "
                        + "?::text[], CASE WHEN about THEN coalesce(" + scrubbed("?::jsonb", "?::text[]")
                        + ", '{}'::jsonb) "
                        + "ELSE ?::jsonb END "
                        + "FROM (SELECT EXISTS (SELECT 1 FROM erased_users WHERE processing_group = '" + GROUP + "' "
                        + "AND user_id IN (?::uuid, ?::uuid)) AS acted, EXISTS (SELECT 1 FROM erased_users WHERE "
                        + "processing_group = '" + GROUP + "' AND user_id = ?::uuid) AS about) AS gone "
                        + "ON CONFLICT (position) DO NOTHING",
                GlobalIndex.of(event, token),
                event.getIdentifier(),
                type.getSimpleName(),
                domain != null ? domain.getType() : null,
                domain != null ? domain.getAggregateIdentifier() : null,
                actorId,
                Timestamp.from(event.getTimestamp()),
                limit(ipRetention.kept((String) metadata.get("ip"), event.getTimestamp()), 64),
                limit(ipRetention.kept((String) metadata.get("userAgent"), event.getTimestamp()), 512),
                limit((String) metadata.get("correlationId"), 64),
                companyId,
                userId,
                subject,
                // the personal fields' names twice (the column, the scrub), the data twice (the scrub, as it is)
                shape.personal().toArray(String[]::new),
                shape.personal().toArray(String[]::new),
                json.writeValueAsString(data),
                json.writeValueAsString(data),
                actorId,
                userId,
                subject);
    }

    /** The data with each of its personal fields replaced by the placeholder the store reads after an erasure. */
    private static String scrubbed(String data, String personal) {
        return "(SELECT jsonb_object_agg(key, CASE WHEN key = ANY (" + personal + ") THEN CASE jsonb_typeof(value) "
                + "WHEN 'object' THEN '{}'::jsonb WHEN 'array' THEN '[]'::jsonb ELSE '\"[erased]\"'::jsonb END "
                + "ELSE value END) FROM jsonb_each(" + data + "))";
    }

    /**
     * Their personal data in every entry, and where they acted from, go with them; so does the address of the
     * invitations they accepted or that were sent to their verified address, which was theirs.
     */
    @EventHandler
    void on(UserErased event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token);
        // first remembered, so that an entry of theirs written from now on is written without their data
        jdbc.later(
                "INSERT INTO erased_users (processing_group, user_id) VALUES ('" + GROUP + "', ?) "
                        + "ON CONFLICT DO NOTHING",
                event.userId());
        jdbc.later(
                "UPDATE audit_events SET data = " + scrubbed("data", "personal")
                        + " WHERE cardinality(personal) > 0 AND (data_subject = ? OR data_subject = ANY(?) OR data_subject IN "
                        + "(SELECT (data ->> 'invitationId')::uuid FROM audit_events WHERE type = 'InvitationAccepted' "
                        + "AND data ->> 'userId' = ?))",
                event.userId(),
                event.invitationIds().toArray(UUID[]::new),
                event.userId().toString());
        jdbc.later(
                "UPDATE audit_events SET ip = NULL, user_agent = NULL WHERE actor_id = ? OR user_id = ?",
                event.userId(),
                event.userId());
        declinesForgotten(event.invitationIds());
    }

    /**
     * The invitations to an erased address lose the address in every entry, and their declines (answered by
     * whoever held the link, maybe without an account) where they came from.
     */
    @EventHandler
    void on(AddressErased event, EventMessage<?> message, TrackingToken token) {
        record(event, message, token);
        var invitations = event.invitationIds().toArray(UUID[]::new);
        jdbc.later(
                "UPDATE audit_events SET data = " + scrubbed("data", "personal")
                        + " WHERE cardinality(personal) > 0 AND data_subject = ANY(?)",
                (Object) invitations);
        declinesForgotten(event.invitationIds());
    }

    /**
     * Whoever declined an invitation held its link, mailed to the erased address: where they were goes too, from
     * the decline and from the company's record of it made in the same change (an {@code InvitationClosed} in
     * nobody's name; one closed by a manager names them, and keeps where they were).
     */
    private void declinesForgotten(List<UUID> invitationIds) {
        jdbc.later(
                "UPDATE audit_events SET ip = NULL, user_agent = NULL WHERE (type = 'InvitationDeclined' "
                        + "OR type = 'InvitationClosed' AND actor_id IS NULL) AND (data ->> 'invitationId')::uuid = ANY(?)",
                (Object) invitationIds.toArray(UUID[]::new));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_events");
        jdbc.update("DELETE FROM erased_users WHERE processing_group = '" + GROUP + "'");
    }

    private static Shape shapeOf(Class<?> type) {
        String subject = null;
        var personal = new ArrayList<String>();
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(DataSubject.class)) {
                    subject = component.getName();
                }
                if (component.isAnnotationPresent(PersonalData.class)) {
                    personal.add(component.getName());
                }
            }
        }
        return new Shape(subject, List.copyOf(personal));
    }

    private static String text(JsonNode data, String field) {
        var value = data.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String limit(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
