package io.identity.support.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A real PostgreSQL server for tests: an embedded one started once per JVM (so a fresh machine needs nothing
 * installed), or the server named by {@code IDENTITY_TEST_DATABASE_URL} (a JDBC URL to a database whose user
 * may create databases). Every call to {@link #create()} gives a new, empty database.
 */
public final class TestDatabase {

    private static String adminUrl;

    private TestDatabase() {}

    /** A JDBC URL of a new, empty database. */
    public static synchronized String create() {
        var admin = adminUrl();
        var name = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (var connection = DriverManager.getConnection(admin);
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private static String adminUrl() {
        if (adminUrl == null) {
            var external = System.getenv("IDENTITY_TEST_DATABASE_URL");
            adminUrl = external != null && !external.isBlank() ? external : startEmbedded();
        }
        return adminUrl;
    }

    private static String startEmbedded() {
        try {
            var postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }
}
