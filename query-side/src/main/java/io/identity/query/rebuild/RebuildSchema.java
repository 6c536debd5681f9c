package io.identity.query.rebuild;

import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schema a rebuild writes, {@code <schema>_rebuild_<projection>} beside this side's own: made anew with an empty
 * copy of each table the projection's handlers touch, and dropped with the rebuild's tokens and letters once it is
 * over and no instance holds it.
 */
final class RebuildSchema {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildSchema.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String schema;

    /**
     * @param schema this side's own schema, whose tables are copied
     */
    RebuildSchema(JdbcTemplate jdbc, TransactionTemplate transactions, String schema) {
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("identity.db.schema must be a plain lower-case name: " + schema);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.schema = schema;
    }

    /** The rebuild's schema of a projection. */
    String of(String projection) {
        return schema + "_rebuild_" + projection;
    }

    /**
     * The rebuild's schema, new: an empty copy of each table the projection's handlers touch, and no tokens of an
     * earlier rebuild.
     */
    void prepare(ReadModel model, String target, String rebuild) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + target + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + target);
        tablesOf(model).forEach(table -> copyDefinition(table, target));
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", rebuild);
    }

    /**
     * Drops a finished rebuild's schema, tokens and letters, unless an instance still holds them (then at a later
     * check). A rebuild started meanwhile makes its schema in the transaction that marks it RUNNING: once its
     * schema can be seen here, so can that mark, and the schema is left alone.
     */
    void clear(String projection, String target, String rebuild) {
        if (!exists(target)) {
            return;
        }
        try {
            transactions.executeWithoutResult(tx -> {
                jdbc.execute("SET LOCAL lock_timeout = '2s'");
                var state = jdbc.queryForList(
                        "SELECT state FROM projection_rebuilds WHERE processing_group = ? " + "FOR UPDATE",
                        String.class,
                        projection);
                if (!exists(target) || state.contains(Rebuilds.State.RUNNING.name())) {
                    return;
                }
                jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", rebuild);
                jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", rebuild);
                jdbc.execute("DROP SCHEMA " + target + " CASCADE");
            });
        } catch (DataAccessException e) {
            LOG.debug("Rebuild schema {} still in use; cleared at a later check", target);
        }
    }

    private boolean exists(String target) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM information_schema.schemata " + "WHERE schema_name = ?)",
                Boolean.class,
                target));
    }

    /** An empty table like one of this side's, its indexes under the same names, in the rebuild's schema. */
    private void copyDefinition(String table, String target) {
        jdbc.execute("CREATE TABLE " + target + "." + table + " (LIKE " + schema + "." + table + " INCLUDING ALL)");
        var renames = new ArrayList<String[]>();
        jdbc.query(
                "SELECT n.indexname, o.indexname FROM pg_indexes n JOIN pg_indexes o ON o.schemaname = ? "
                        + "AND o.tablename = n.tablename AND regexp_replace(o.indexdef, '^.* USING ', '') = "
                        + "regexp_replace(n.indexdef, '^.* USING ', '') AND (o.indexdef LIKE 'CREATE UNIQUE%') = "
                        + "(n.indexdef LIKE 'CREATE UNIQUE%') WHERE n.schemaname = ? AND n.tablename = ?",
                rs -> {
                    renames.add(new String[] {rs.getString(1), rs.getString(2)});
                },
                schema,
                target,
                table);
        renames.stream()
                .filter(names -> !names[0].equals(names[1]))
                .forEach(names -> jdbc.execute("ALTER INDEX " + target + "." + names[0] + " RENAME TO " + names[1]));
    }

    /** Every table the projection's handlers touch: the rebuild's schema has a copy of each. */
    static Stream<String> tablesOf(ReadModel model) {
        return Stream.of(model.tables(), model.sharedByGroup(), model.scratch()).flatMap(Stream::of);
    }
}
