package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

/**
 * Login throughput against the bcrypt limit, token-authenticated reads, start-up time and memory
 * ({@link HttpFigures}), then a company's members lists and audit log ({@link CompanyFigures}): both sides run as
 * separate JVMs with production settings (bcrypt cost 12) against a real PostgreSQL; the load comes from this JVM
 * over loopback, so the figures include the load generator's own CPU on the same cores.
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres = EmbeddedPostgres.builder().setPort(SetUp.freePort()).start()) {
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=12",
                    // no broker runs here: these are the HTTP sides' figures; the stream has its own benchmark
                    "--identity.kafka.enabled=false");
            try (var command = AppProcess.commandSide(common, logs)) {
                // the company owner of the members and audit runs also verifies the audit chain, as an operator,
                // who is named by user id: registered before the query side starts
                var owner = registerOwner(command);
                var queryArgs = new ArrayList<>(common);
                queryArgs.add("--identity.operators=" + owner[0]);
                try (var query = AppProcess.querySide(command, queryArgs, logs)) {
                    HttpFigures.measure(options, cores, command, query);
                    if (options.members() > 0) {
                        CompanyFigures.measure(
                                options,
                                cores,
                                command,
                                query,
                                postgres.getJdbcUrl("postgres", "postgres"),
                                UUID.fromString(owner[1]));
                    }
                }
            }
        }
    }

    /** Registers the owner of the members runs' company: its user id and the company's id. */
    private static String[] registerOwner(AppProcess command) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var registered = Requests.send(
                        http,
                        Requests.json(
                                command.url + "/api/v1/registrations",
                                Map.of(
                                        "username",
                                        "owner",
                                        "email",
                                        "owner@example.com",
                                        "password",
                                        Users.PASSWORD,
                                        "company",
                                        Map.of("name", "Big"))),
                        201)
                .body();
        return new String[] {
            registered.replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1"),
            registered.replaceAll(".*\"companyId\":\"([^\"]+)\".*", "$1")
        };
    }

    /**
     * @param hashConcurrency the logins and registrations in flight: twice the cores by default, so that the hash
     *                        has work while another request is in the network or the database
     */
    record Options(
            int runs,
            Duration warmup,
            Duration measure,
            int readConcurrency,
            int hashConcurrency,
            int members,
            int audit) {

        static Options parse(String[] args) {
            var options = Arguments.parse(
                    args,
                    Map.of(
                            "--runs", 3,
                            "--warmup", 5,
                            "--seconds", 15,
                            "--read-concurrency", 16,
                            "--hash-concurrency", 2 * Runtime.getRuntime().availableProcessors(),
                            "--members", 10_000,
                            "--audit", 1_000_000));
            return new Options(
                    options.get("--runs"),
                    options.seconds("--warmup"),
                    options.seconds("--seconds"),
                    options.get("--read-concurrency"),
                    options.get("--hash-concurrency"),
                    options.get("--members"),
                    options.get("--audit"));
        }
    }
}
