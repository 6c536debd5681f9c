package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * An import of many users from another system ({@code POST /api/v1/admin/users/import}) by an operator, over
 * HTTP, into a command side run as in production (its own JVM, {@code -Xmx256m}): the file is made while it is
 * sent (chunked, never whole in memory on either end), a third each of bcrypt, argon2id and PBKDF2 hashes, half
 * with a verified address. The command side's RSS is sampled every 250 ms throughout.
 * <ul>
 *     <li>{@code import_users_per_s}: users imported per second, the whole request;</li>
 *     <li>{@code import_events_per_s}: events stored per second ({@code UserRegistered}, and {@code EmailVerified}
 *     for half of them);</li>
 *     <li>{@code import_rss_max}: the command side's highest RSS during the import (target &lt; 400 MiB);</li>
 *     <li>then one user of each kind signs in with the old password (re-hashed at bcrypt cost 12).</li>
 * </ul>
 * Options: --users N (100000) --runs N (1). Each run imports new users into the same database.
 */
public final class ImportBenchmark {

    private static final Pattern USER_ID = Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern IMPORTED = Pattern.compile("\"imported\"\\s*:\\s*(\\d+)");
    private static final String PASSWORD = "correct horse battery staple";
    /**
     * PBKDF2-HMAC-SHA-256 of {@link #PASSWORD} in passlib's form, 29,000 rounds (passlib's default), made with
     * Python's hashlib.
     */
    private static final String PBKDF2 =
            "$pbkdf2-sha256$29000$MDEyMzQ1Njc4OWFiY2RlZg$vajIaozrb7q4x.G3R5Y.FIe07ZH3QEjPYV1bs8kEikU";

    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Arguments.parse(args, Map.of("--users", 100_000, "--runs", 1));
        var users = options.get("--users");
        var runs = options.get("--runs");
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        var hashes = List.of(
                new BCryptPasswordEncoder(10).encode(PASSWORD),
                new Argon2PasswordEncoder(16, 32, 1, 1 << 14, 2).encode(PASSWORD),
                PBKDF2);
        try (var postgres = EmbeddedPostgres.builder().setPort(SetUp.freePort()).start()) {
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=12",
                    "--identity.kafka.enabled=false");
            var http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // operators are named by user id, read at start: the operator registers, then the side starts again
            String operatorId;
            try (var first = AppProcess.commandSide(common, logs)) {
                operatorId = Requests.group(USER_ID, Users.register(http, first.url, "operator"));
            }
            var withOperator = new ArrayList<>(common);
            withOperator.add("--identity.operators=" + operatorId);
            try (var command = AppProcess.commandSide(withOperator, logs)) {
                var token = Users.signIn(http, command.url, "operator");
                var out = new StringBuilder();
                out.append(String.format(Locale.ROOT, "# cores=%d users=%d runs=%d%n", cores, users, runs));
                for (int run = 1; run <= runs; run++) {
                    out.append(importOnce(http, command, token, "r" + run + "u", users, hashes, cores));
                }
                Figures.report(out);
            }
        }
    }

    private static String importOnce(
            HttpClient http, AppProcess command, String token, String prefix, int users, List<String> hashes, int cores)
            throws Exception {
        var rssBefore = command.rssMiB();
        var rssMax = new AtomicLong(Double.doubleToLongBits(rssBefore));
        var sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        var rss = command.rssMiB();
                        rssMax.getAndUpdate(
                                max -> Double.doubleToLongBits(Math.max(Double.longBitsToDouble(max), rss)));
                    } catch (IOException e) {
                        // the process ended: the import's answer says so
                    }
                },
                0,
                250,
                TimeUnit.MILLISECONDS);
        var began = System.nanoTime();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(command.url + "/api/v1/admin/users/import"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(prefix, users, hashes)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var seconds = (System.nanoTime() - began) / 1e9;
        sampler.shutdownNow();
        SetUp.check(response.statusCode() == 200, "the import answers 200, not " + response.statusCode());
        var imported = Long.parseLong(Requests.group(IMPORTED, response));
        SetUp.check(imported == users, "every user imported: " + response.body());
        var events = users + (users + 1) / 2;
        for (int kind = 0; kind < hashes.size(); kind++) {
            var login = Requests.send(
                    http,
                    Requests.json(
                            command.url + "/api/v1/auth/login", Map.of("login", prefix + kind, "password", PASSWORD)),
                    200);
            SetUp.check(login.statusCode() == 200, "an imported user signs in");
        }
        return String.format(
                        Locale.ROOT,
                        "import_users_per_s %.0f users/s users=%d seconds=%.1f cores=%d%n",
                        users / seconds,
                        users,
                        seconds,
                        cores)
                + String.format(
                        Locale.ROOT,
                        "import_events_per_s %.0f events/s events=%d cores=%d%n",
                        events / seconds,
                        events,
                        cores)
                + String.format(
                        Locale.ROOT,
                        "import_rss_max %.0f MiB target<400 before=%.0f after=%.0f cores=%d%n",
                        Double.longBitsToDouble(rssMax.get()),
                        rssBefore,
                        command.rssMiB(),
                        cores);
    }

    /** The file, made line by line as it is read: {@code <prefix><i>}, hashes in turn, every other one verified. */
    private static final class Generated extends InputStream {
        private final String prefix;
        private final int users;
        private final List<String> hashes;
        private int next;
        private byte[] line = new byte[0];
        private int at;

        Generated(String prefix, int users, List<String> hashes) {
            this.prefix = prefix;
            this.users = users;
            this.hashes = hashes;
        }

        @Override
        public int read() {
            if (at == line.length && !advance()) {
                return -1;
            }
            return line[at++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (at == line.length && !advance()) {
                return -1;
            }
            int n = Math.min(length, line.length - at);
            System.arraycopy(line, at, buffer, offset, n);
            at += n;
            return n;
        }

        private boolean advance() {
            if (next == users) {
                return false;
            }
            var name = prefix + next;
            line = String.format(
                            Locale.ROOT,
                            "{\"username\":\"%s\",\"email\":\"%s@old.example.com\",\"emailVerified\":%b,"
                                    + "\"displayName\":\"Imported %d\",\"passwordHash\":\"%s\","
                                    + "\"createdAt\":\"2020-01-01T00:00:00Z\"}\n",
                            name,
                            name,
                            next % 2 == 0,
                            next,
                            hashes.get(next % hashes.size()))
                    .getBytes(StandardCharsets.UTF_8);
            at = 0;
            next++;
            return true;
        }
    }
}
