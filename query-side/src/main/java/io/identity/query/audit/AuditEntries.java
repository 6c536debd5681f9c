package io.identity.query.audit;

import io.identity.query.web.Keyset;
import io.identity.query.web.Page;
import io.identity.query.web.Paging;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading {@code audit_events}: a page by position, newest first; or every entry of a query, written as it is
 * read from a database cursor (500 rows at a time), as NDJSON or CSV, in constant memory.
 */
@Component
class AuditEntries {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final String COLUMNS = "position, event_id, type, aggregate_type, aggregate_id, actor_id, "
            + "occurred_at, ip, user_agent, correlation_id, data::text AS data";
    private static final Keyset<Entry> NEWEST_FIRST = Keyset.descending(Keyset.number("position", Entry::position));
    private static final String CSV_HEADER = "position,eventId,type,aggregateType,aggregateId,actorId,occurredAt,ip,"
            + "userAgent,correlationId,data\r\n";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    AuditEntries(JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(500);
        this.transactions = transactions;
        this.json = json;
    }

    record Entry(
            long position,
            String eventId,
            String type,
            String aggregateType,
            String aggregateId,
            UUID actorId,
            Instant occurredAt,
            String ip,
            String userAgent,
            String correlationId,
            JsonNode data) {}

    /** A page of the query's entries, newest first, as {@code limit} and {@code cursor} ask. */
    Page<Entry> page(AuditFilter.Query query, Integer limit, String cursor) {
        var paging = Paging.of(limit, cursor, NEWEST_FIRST);
        var rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM audit_events WHERE " + query.condition() + " " + paging.sql(),
                (rs, i) -> entry(rs),
                paging.arguments(query.arguments().toArray()));
        return paging.page(rows);
    }

    /** Every entry of the query, newest first, in the format ({@link #NDJSON} or {@link #CSV}). */
    void export(AuditFilter.Query query, MediaType format, OutputStream out) {
        var csv = CSV.equalsTypeAndSubtype(format);
        transactions.executeWithoutResult(status -> {
            write(out, csv ? CSV_HEADER.getBytes(StandardCharsets.UTF_8) : new byte[0]);
            cursor.query(
                    "SELECT " + COLUMNS + " FROM audit_events WHERE " + query.condition() + " ORDER BY position DESC",
                    rs -> {
                        var entry = entry(rs);
                        write(out, csv ? csvLine(entry) : json.writeValueAsBytes(entry));
                        if (!csv) {
                            write(out, new byte[] {'\n'});
                        }
                    },
                    query.arguments().toArray());
        });
    }

    /** The chain's verification, over the same kind of cursor. */
    AuditChain.Verification verify(AuditChain chain) {
        return transactions.execute(status -> chain.verify(cursor));
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Entry entry(ResultSet rs) throws SQLException {
        return new Entry(
                rs.getLong("position"),
                rs.getString("event_id"),
                rs.getString("type"),
                rs.getString("aggregate_type"),
                rs.getString("aggregate_id"),
                rs.getObject("actor_id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("ip"),
                rs.getString("user_agent"),
                rs.getString("correlation_id"),
                json.readTree(rs.getString("data")));
    }

    private static byte[] csvLine(Entry entry) {
        var cells = new String[] {
            Long.toString(entry.position()),
            entry.eventId(),
            entry.type(),
            entry.aggregateType(),
            entry.aggregateId(),
            entry.actorId() == null ? null : entry.actorId().toString(),
            entry.occurredAt().toString(),
            entry.ip(),
            entry.userAgent(),
            entry.correlationId(),
            entry.data().toString()
        };
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
