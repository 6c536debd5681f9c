package io.identity.query.audit;

import io.identity.query.web.Instants;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A reader's filters on the audit log ({@code type}, {@code actor}, {@code from}, {@code to}), checked before
 * anything is read.
 */
record AuditFilter(String[] types, UUID actor, Instant from, Instant to) {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    /** Which entries a reader may see: a condition on {@code audit_events} and its arguments. */
    record Query(String condition, List<Object> arguments) {}

    /** Every value that does not parse is reported at once, by name; nothing is read then. */
    static AuditFilter of(String type, String actor, String from, String to) {
        var violations = new ArrayList<FieldViolation>();
        String[] types = null;
        if (type != null) {
            types = type.split(",", -1);
            if (types.length > 50
                    || !Set.of(types).stream().allMatch(t -> TYPE.matcher(t).matches())) {
                violations.add(new FieldViolation(
                        "type", "must be event names such as MemberJoined, " + "separated by commas"));
            }
        }
        UUID actorId = null;
        if (actor != null) {
            try {
                actorId = UUID.fromString(actor);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("actor", "must be a user id"));
            }
        }
        var fromInstant = instant("from", from, violations);
        var toInstant = instant("to", to, violations);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            violations.add(new FieldViolation("to", "must not be before from"));
        }
        if (!violations.isEmpty()) {
            throw IdentityException.validation(violations);
        }
        return new AuditFilter(types, actorId, fromInstant, toInstant);
    }

    private static Instant instant(String field, String value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return Instants.parse(value);
        } catch (DateTimeException e) {
            violations.add(new FieldViolation(field, Instants.EXPECTED));
            return null;
        }
    }

    /** The reader's query narrowed by these filters. */
    Query applied(Query readable) {
        var condition = new StringBuilder(readable.condition());
        var arguments = new ArrayList<>(readable.arguments());
        if (types != null) {
            condition.append(" AND type = ANY (?)");
            arguments.add(types);
        }
        if (actor != null) {
            condition.append(" AND actor_id = ?");
            arguments.add(actor);
        }
        if (from != null) {
            condition.append(" AND occurred_at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            condition.append(" AND occurred_at < ?");
            arguments.add(Timestamp.from(to));
        }
        return new Query(condition.toString(), arguments);
    }
}
