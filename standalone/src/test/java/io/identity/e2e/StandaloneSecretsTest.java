package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.standalone.Standalone;
import io.identity.support.secrets.Secrets;
import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone makes its secrets on the first start and keeps them in its data directory, owner-only; a data
 * directory made before it kept secrets (so with the old built-in values) keeps working; its PostgreSQL is
 * durable. Each start is the whole standalone in a JVM of its own with its embedded PostgreSQL, stopped as Ctrl-C
 * stops it.
 */
class StandaloneSecretsTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void theFirstStartMakesAnOwnerOnlySecretsFileAndTheNextReusesIt(@TempDir Path data) throws IOException {
        var file = data.resolve("secrets.properties");
        try (var first = Running.start(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            assertThat(register(first.http, "ada")).isEqualTo(201);
        }
        var secrets = read(file);
        assertThat(secrets.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(Secrets.LEGACY_VALUES.keySet());
        secrets.forEach((name, value) -> {
            assertThat(value.toString())
                    .as("%s made at random", name)
                    .hasSizeGreaterThanOrEqualTo(64)
                    .isNotEqualTo(Secrets.LEGACY_VALUES.get(name));
        });
        assertThat(secrets.getProperty(Secrets.PEPPER)).isNotEqualTo(secrets.getProperty(Secrets.TOKENS_MASTER_KEY));
        var written = Files.readString(file);

        try (var second = Running.start(data)) {
            assertThat(Files.readString(file))
                    .as("the second start reuses the file as it is")
                    .isEqualTo(written);
            assertThat(login(second.http, "ada").status())
                    .as("the password still works")
                    .isEqualTo(200);
        }
    }

    @Test
    void aDataDirectoryMadeWithTheOldValuesKeepsItsPasswordsAndKeys(@TempDir Path data) throws IOException {
        var file = data.resolve("secrets.properties");
        // the database as a standalone of before made it: with the built-in development values
        var old = new Properties();
        old.putAll(Secrets.LEGACY_VALUES);
        try (var out = Files.newBufferedWriter(file)) {
            old.store(out, null);
        }
        try (var before = Running.start(data)) {
            assertThat(register(before.http, "grace")).isEqualTo(201);
        }
        Files.delete(file);

        try (var after = Running.start(data)) {
            assertThat(read(file))
                    .as("the old values, written down for this data")
                    .isEqualTo(old);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(after.log)).contains("had data but no secrets file");
            var login = login(after.http, "grace");
            assertThat(login.status()).as("the password still works").isEqualTo(200);
            var token = "Bearer " + login.json().path("access_token").asString();
            assertThat(after.http
                            .patch(
                                    "/api/v1/users/me/profile",
                                    Map.of("displayName", "Grace H."),
                                    "Authorization",
                                    token)
                            .status())
                    .as("her events' personal data still opens")
                    .isEqualTo(204);
        }
    }

    /** zonky's default is synchronous_commit=off, which loses the last commits when the machine crashes. */
    @Test
    void itsPostgreSqlWaitsForTheDiskAtEveryCommit(@TempDir Path data) throws Exception {
        try (var running = Running.start(data);
                var connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + running.postgresPort() + "/identity", "postgres", "");
                var statement = connection.createStatement()) {
            for (var setting : new String[] {"synchronous_commit", "fsync"}) {
                try (var rows = statement.executeQuery("SHOW " + setting)) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    private static int register(Http http, String username) {
        return http.post(
                        "/api/v1/registrations",
                        Map.of("username", username, "email", username + "@example.com", "password", PASSWORD))
                .status();
    }

    private static Http.Response login(Http http, String username) {
        return http.post("/api/v1/auth/login", Map.of("login", username, "password", PASSWORD));
    }

    private static Properties read(Path file) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }

    /** One standalone on the data directory, with no Kafka broker (its stream plays no part here). */
    private record Running(Forked process, Http http, Path log, int postgresPort) implements AutoCloseable {

        static Running start(Path data) {
            var commandPort = RunningSystem.port();
            var queryPort = RunningSystem.port();
            var postgresPort = RunningSystem.port();
            var process = Forked.start(
                    Standalone.class,
                    new String[] {
                        "--identity.standalone.data-dir=" + data,
                        "--identity.standalone.command-side-port=" + commandPort,
                        "--identity.standalone.query-side-port=" + queryPort,
                        "--identity.standalone.postgres-port=" + postgresPort,
                        "--identity.standalone.smtp-port=" + RunningSystem.port(),
                        "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                        "--identity.kafka.enabled=false",
                        "--identity.bcrypt-cost=4"
                    },
                    commandPort,
                    Duration.ofMinutes(3),
                    "-Xmx768m");
            var query = new Http("http://localhost:" + queryPort);
            // stopped only once both apps are up, so that the stop is the one a person makes
            Eventually.within(Duration.ofMinutes(2), () -> {
                try {
                    return query.get("/actuator/health/liveness").status() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            return new Running(
                    process,
                    new Http(process.url),
                    Path.of("target", "surefire-reports", "Standalone-" + commandPort + ".log"),
                    postgresPort);
        }

        @Override
        public void close() {
            process.stop();
        }
    }
}
