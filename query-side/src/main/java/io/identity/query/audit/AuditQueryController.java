package io.identity.query.audit;

import io.identity.query.web.Page;
import io.identity.query.web.Paging;
import io.identity.support.auth.Caller;
import io.identity.support.auth.Operators;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit reads (§8): a company's log for its OWNERs and ADMINs, an account's own security log, and everything for
 * the platform's operators. Newest first, filtered by {@code type}, {@code actor}, {@code from} and {@code to},
 * paged by position; or, asked for {@code application/x-ndjson} or {@code text/csv} (by {@code Accept} or
 * {@code format=ndjson|csv}), the whole filtered log streamed from a database cursor, in constant memory.
 */
@RestController
class AuditQueryController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    /** An account's own security log: how it was signed in to, and what changed its protection. */
    private static final List<String> SECURITY_LOG = List.of("UserRegistered", "SessionStarted", "SessionEnded",
            "LoginFailed", "LoginThrottled", "PasswordChanged", "PasswordReset", "PasswordResetRequested",
            "EmailChangeRequested", "EmailChanged", "EmailVerified", "SecurityQuestionsSet", "UserDeactivated");
    private static final String COLUMNS = "position, event_id, type, aggregate_type, aggregate_id, actor_id, "
            + "occurred_at, ip, user_agent, correlation_id, data::text AS data";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Operators operators;
    private final AuditChain chain;

    AuditQueryController(JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate transactions, JsonMapper json,
                         Operators operators, AuditChain chain) {
        this.chain = chain;
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(500);
        this.transactions = transactions;
        this.json = json;
        this.operators = operators;
    }

    record Entry(long position, String eventId, String type, String aggregateType, String aggregateId,
                 UUID actorId, Instant occurredAt, String ip, String userAgent, String correlationId, JsonNode data) {
    }

    @GetMapping("/api/v1/companies/{companyId}/audit")
    ResponseEntity<?> company(Caller caller, @PathVariable UUID companyId, Params params,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              HttpServletResponse response) throws IOException {
        var filter = params.filter();
        var role = jdbc.query("SELECT role FROM memberships WHERE company_id = ? AND user_id = ?",
                        (rs, i) -> rs.getString(1), companyId, caller.userId())
                .stream().findFirst().orElseThrow(IdentityException::notFound);
        if (!"OWNER".equals(role) && !"ADMIN".equals(role)) {
            throw new IdentityException(ErrorCode.FORBIDDEN, "Only owners and admins see the company's audit log.");
        }
        return answer(new Query("company_id = ?", List.of(companyId)), filter, params, accept, response);
    }

    @GetMapping("/api/v1/users/me/audit")
    ResponseEntity<?> mine(Caller caller, Params params,
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                           HttpServletResponse response) throws IOException {
        var filter = params.filter();
        return answer(new Query("user_id = ? AND type = ANY (?)", List.of(caller.userId(),
                SECURITY_LOG.toArray(String[]::new))), filter, params, accept, response);
    }

    @GetMapping("/api/v1/audit/events")
    ResponseEntity<?> all(Caller caller, Params params,
                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                          HttpServletResponse response) throws IOException {
        var filter = params.filter();
        operators.require(caller);
        return answer(new Query("TRUE", List.of()), filter, params, accept, response);
    }

    /** The query parameters every audit read takes, bound by name. */
    record Params(String type, String actor, String from, String to, Integer limit, String cursor, String format) {

        Filter filter() {
            return Filter.of(type, actor, from, to);
        }
    }

    record ChainState(long verifiedUpTo, boolean intact, Long firstBrokenPosition) {
    }

    /** Recomputes the hash chain over the whole store (operators); reads in constant memory. */
    @GetMapping("/api/v1/audit/verify")
    ChainState verify(Caller caller) {
        operators.require(caller);
        var result = transactions.execute(status -> chain.verify(cursor));
        return new ChainState(result.verifiedUpTo(), result.intact(), result.firstBrokenPosition());
    }

    /** Which entries a reader may see: a condition on {@code audit_events} and its arguments. */
    private record Query(String condition, List<Object> arguments) {
    }

    /** The reader's filters, checked before anything is read. */
    private record Filter(String[] types, UUID actor, Instant from, Instant to) {

        static Filter of(String type, String actor, String from, String to) {
            var violations = new ArrayList<FieldViolation>();
            String[] types = null;
            if (type != null) {
                types = type.split(",", -1);
                if (types.length > 50 || !Set.of(types).stream().allMatch(t -> TYPE.matcher(t).matches())) {
                    violations.add(new FieldViolation("type", "must be event names such as MemberJoined, "
                            + "separated by commas"));
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
            return new Filter(types, actorId, fromInstant, toInstant);
        }

        private static Instant instant(String field, String value, List<FieldViolation> violations) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                violations.add(new FieldViolation(field, "must be an ISO-8601 instant such as 2026-11-28T10:15:30Z"));
                return null;
            }
        }

        /** The query's condition with these filters, and its arguments. */
        Query applied(Query query) {
            var condition = new StringBuilder(query.condition());
            var arguments = new ArrayList<>(query.arguments());
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

    /** A page as JSON; or the export, written straight to the response as it is read (then null). */
    private ResponseEntity<?> answer(Query readable, Filter filter, Params params, String accept,
                                     HttpServletResponse response) throws IOException {
        var query = filter.applied(readable);
        var export = exportFormat(params.format(), accept);
        if (export != null) {
            response.setContentType(export.toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            export(query, export, response.getOutputStream());
            return null;
        }
        var paging = Paging.of(params.limit(), params.cursor(), 1);
        var condition = query.condition();
        var arguments = new ArrayList<>(query.arguments());
        if (!paging.first()) {
            condition += " AND position < ?";
            arguments.add(paging.after(0, Long::parseLong));
        }
        arguments.add(paging.limit() + 1);
        var rows = jdbc.query("SELECT " + COLUMNS + " FROM audit_events WHERE " + condition
                + " ORDER BY position DESC LIMIT ?", (rs, i) -> entry(rs), arguments.toArray());
        return ResponseEntity.ok(paging.page(rows, entry -> List.of(Long.toString(entry.position()))));
    }

    /** {@code format} wins over {@code Accept}; JSON pages are the default. */
    private static MediaType exportFormat(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "ndjson" -> NDJSON;
                case "csv" -> CSV;
                case "json" -> null;
                default -> throw IdentityException.validation(List.of(new FieldViolation("format",
                        "must be json, ndjson or csv")));
            };
        }
        if (accept == null) {
            return null;
        }
        try {
            for (var type : MediaType.parseMediaTypes(accept)) {
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                    return null;
                }
                if (NDJSON.equalsTypeAndSubtype(type)) {
                    return NDJSON;
                }
                if (CSV.equalsTypeAndSubtype(type)) {
                    return CSV;
                }
            }
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return null;
        }
        return null;
    }

    /** Every entry of the query, newest first, written as it is read: a cursor of 500 rows at a time. */
    private void export(Query query, MediaType format, OutputStream out) {
        var csv = CSV.equalsTypeAndSubtype(format);
        transactions.executeWithoutResult(status -> {
            try {
                if (csv) {
                    out.write("position,eventId,type,aggregateType,aggregateId,actorId,occurredAt,ip,userAgent,"
                            .concat("correlationId,data\r\n").getBytes(StandardCharsets.UTF_8));
                }
                cursor.query("SELECT " + COLUMNS + " FROM audit_events WHERE " + query.condition()
                        + " ORDER BY position DESC", rs -> {
                    var entry = entry(rs);
                    try {
                        out.write(csv ? csvLine(entry) : json.writeValueAsBytes(entry));
                        if (!csv) {
                            out.write('\n');
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, query.arguments().toArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("position"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getObject("actor_id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("ip"), rs.getString("user_agent"),
                rs.getString("correlation_id"), json.readTree(rs.getString("data")));
    }

    private static byte[] csvLine(Entry entry) {
        var cells = new String[]{Long.toString(entry.position()), entry.eventId(), entry.type(),
                entry.aggregateType(), entry.aggregateId(), entry.actorId() == null ? null : entry.actorId().toString(),
                entry.occurredAt().toString(), entry.ip(), entry.userAgent(), entry.correlationId(),
                entry.data().toString()};
        var line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvCell(cells[i]));
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 4180 quoting; a text a spreadsheet would take for a formula ({@code = + - @}) is prefixed with an
     * apostrophe, so an exported user agent cannot run in whoever opens the file.
     */
    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        var text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
