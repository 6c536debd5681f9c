package io.identity.support.db;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before anything uses it: first the event store (schema {@code events}, shared
 * by both sides; Flyway's PostgreSQL lock lets several instances start at once), then the side's own schema (the token store, from {@code db/processing}, and the side's tables).
 * Each has its own history table, so the sides never trip over each other's migrations.
 */
public class DatabaseMigrations {

    public static final String EVENT_STORE_SCHEMA = "events";

    public DatabaseMigrations(DataSource dataSource, String schema, String location) {
        migrate(dataSource, EVENT_STORE_SCHEMA, "classpath:db/eventstore");
        migrate(dataSource, schema, "classpath:db/processing", location);
    }

    private static void migrate(DataSource dataSource, String schema, String... locations) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(locations)
                .placeholders(Map.of("schema", schema))
                .load()
                .migrate();
    }
}
