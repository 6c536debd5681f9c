package io.identity.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real PostgreSQL server, run from the binaries zonky ships, on a data directory kept between runs. */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "identity";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final AtomicBoolean zonkyClosed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, AtomicBoolean zonkyClosed) {
        this.postgres = postgres;
        this.zonkyClosed = zonkyClosed;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        requireOwnedWhenRoot(dataDir);
        stopOrphan(dataDir);
        // zonky turns synchronous_commit off by default, which loses the last commits on a crash of the machine:
        // the standalone keeps real accounts, so it runs with PostgreSQL's durable defaults (docs/performance.md)
        var postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        var server = new EmbeddedPostgresServer(postgres, disarmShutdownHook(postgres));
        server.createDatabase();
        return server;
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        if (zonkyClosed != null) {
            zonkyClosed.set(false);
        }
        postgres.close();
    }

    private void createDatabase() throws IOException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rows.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
            log.info("Created database {}", DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create database " + DATABASE, e);
        }
    }

    /**
     * As root, zonky runs PostgreSQL through {@code unshare -U}: the server is "nobody" to itself, yet to the file
     * system it is still uid 0 without the right to override permissions, so only directories root owns will do.
     */
    private static void requireOwnedWhenRoot(Path dataDir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        var owner = Files.getOwner(dataDir).getName();
        if (!"root".equals(owner)) {
            throw new IllegalStateException(dataDir + " belongs to " + owner + ", but running as root PostgreSQL can"
                    + " only write to directories root owns: chown it, or set identity.standalone.data-dir");
        }
    }

    /**
     * pg_ctl detaches the server from our process group, so a standalone that was killed outright leaves it running
     * and holding the data directory. zonky's lock file tells it from the server of a standalone still running;
     * an orphan has no clients left, so stopping it loses nothing.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        var orphan = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        try (var channel = FileChannel.open(
                        dataDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(dataDir + " is in use by another standalone that is still running");
            }
        }
        log.warn(
                "Stopping PostgreSQL (pid {}) left running on {} by an earlier run",
                orphan.get().pid(),
                dataDir);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(
                    "interrupted while stopping PostgreSQL (pid " + orphan.get().pid() + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL (pid " + orphan.get().pid() + ") still runs on " + dataDir, e);
        }
    }

    /**
     * zonky registers a shutdown hook of its own, which would stop the server while the apps still use it. Marking
     * the server closed turns that hook into a no-op; {@link #close()} clears the mark, so ours stops it last.
     */
    private static AtomicBoolean disarmShutdownHook(EmbeddedPostgres postgres) {
        try {
            var field = EmbeddedPostgres.class.getDeclaredField("closed");
            field.setAccessible(true);
            var closed = (AtomicBoolean) field.get(postgres);
            closed.set(true);
            return closed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot disarm zonky's shutdown hook, so PostgreSQL may stop before the apps: {}", e.toString());
            return null;
        }
    }
}
