package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * This service and Keycloak side by side, in one run, on one PostgreSQL, loaded by the same client: Keycloak
 * ({@code KEYCLOAK_HOME}, built for PostgreSQL and run with {@code KEYCLOAK_JAVA_HOME}) in production mode
 * ({@code start --optimized}), bound to 127.0.0.1, with its local cache; a realm with one confidential client and
 * one user. Each figure is measured on both, one after the
 * other, and printed with the ratio (ours / Keycloak's):
 * <ul>
 *     <li>{@code logins}: password logins per second at concurrency = cores — ours at bcrypt cost 10, Keycloak with
 *     its default argon2id (which OWASP rates as equal);</li>
 *     <li>{@code refresh}: refresh grants per second at concurrency 16 — ours rotating the refresh token with reuse
 *     detection (each thread carries its own session's), Keycloak's default (no rotation: one token reused);</li>
 *     <li>{@code userinfo}: ours {@code GET /api/v1/users/me}, Keycloak's userinfo endpoint, at concurrency 16;</li>
 *     <li>start-up to ready, and RSS after the load.</li>
 * </ul>
 * Options: --runs N (3) --warmup S (5) --seconds S (15).
 */
public final class KeycloakBenchmark {

    private static final String REALM = "bench";
    private static final String CLIENT = "bench";
    private static final String SECRET = "bench-client-secret";
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");
    private static final int CONCURRENCY = 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeycloakBenchmark() {
    }

    record Pair(List<LoadRun.Result> ours, List<LoadRun.Result> theirs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        var warmup = Duration.ofSeconds(5);
        var measure = Duration.ofSeconds(15);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var home = Path.of(required("KEYCLOAK_HOME"));
        var java = Path.of(required("KEYCLOAK_JAVA_HOME"));
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres = EmbeddedPostgres.builder().setPort(Benchmark.freePort()).start()) {
            try (var connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                 var create = connection.createStatement()) {
                create.execute("CREATE DATABASE keycloak");
            }
            var common = List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.pepper=" + Benchmark.PEPPER, "--identity.tokens.master-key=benchmark-master-key",
                    "--identity.bcrypt-cost=10", "--logging.level.root=warn", "--identity.rate-limits.enabled=false",
                    "--identity.kafka.enabled=false");
            try (var command = AppProcess.start("command-side", "io.identity.command.CommandSideApplication",
                    Benchmark.freePort(), common, logs)) {
                var queryArgs = new ArrayList<>(common);
                queryArgs.add("--identity.jwks-uri=" + command.url + "/.well-known/jwks.json");
                try (var query = AppProcess.start("query-side", "io.identity.query.QuerySideApplication",
                        Benchmark.freePort(), queryArgs, logs);
                     var keycloak = Keycloak.start(home, java, postgres.getJdbcUrl("postgres", "keycloak"), logs)) {
                    compare(runs, warmup, measure, cores, command, query, keycloak);
                }
            }
        }
    }

    private static void compare(int runs, Duration warmup, Duration measure, int cores, AppProcess command,
                                AppProcess query, Keycloak keycloak) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // ours: one person; every login opens a session, every thread refreshes its own
        send(http, json(command.url + "/api/v1/registrations", Map.of("username", "bench", "email",
                "bench@example.com", "password", Benchmark.PASSWORD)), 201);
        var ourLogin = json(command.url + "/api/v1/auth/login", Map.of("login", "bench", "password",
                Benchmark.PASSWORD));
        var ourRefresh = ThreadLocal.<String>withInitial(() -> group(REFRESH_TOKEN, sendUnchecked(http, ourLogin)));
        keycloak.prepare(http);
        var theirLogin = keycloak.passwordGrant();
        var theirRefresh = keycloak.refreshGrant(group(REFRESH_TOKEN, send(http, theirLogin, 200)));

        var logins = new Pair(new ArrayList<>(), new ArrayList<>());
        var refreshes = new Pair(new ArrayList<>(), new ArrayList<>());
        var reads = new Pair(new ArrayList<>(), new ArrayList<>());
        for (int run = 1; run <= runs; run++) {
            logins.ours().add(LoadRun.run(cores, warmup, measure, () -> ok(http, ourLogin)));
            logins.theirs().add(LoadRun.run(cores, warmup, measure, () -> ok(http, theirLogin)));
            refreshes.ours().add(LoadRun.run(CONCURRENCY, warmup, measure, () -> {
                var response = http.send(json(command.url + "/api/v1/auth/refresh",
                        Map.of("refresh_token", ourRefresh.get())), HttpResponse.BodyHandlers.ofString());
                var next = REFRESH_TOKEN.matcher(response.body());
                if (response.statusCode() == 200 && next.find()) {
                    ourRefresh.set(next.group(1));
                    return true;
                }
                ourRefresh.remove(); // a fresh session for this thread
                return false;
            }));
            refreshes.theirs().add(LoadRun.run(CONCURRENCY, warmup, measure, () -> ok(http, theirRefresh)));
            // fresh access tokens for each run: Keycloak's live five minutes
            var me = ourReader(http, ourLogin, query);
            var userinfo = HttpRequest.newBuilder(URI.create(keycloak.url + "/realms/" + REALM
                    + "/protocol/openid-connect/userinfo")).header("Authorization", "Bearer "
                    + group(Benchmark.ACCESS_TOKEN, send(http, theirLogin, 200))).build();
            send(http, userinfo, 200);
            reads.ours().add(LoadRun.run(CONCURRENCY, warmup, measure, () -> ok(http, me)));
            reads.theirs().add(LoadRun.run(CONCURRENCY, warmup, measure, () -> ok(http, userinfo)));
            System.err.printf(Locale.ROOT, "run %d/%d done%n", run, runs);
        }
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# cores=%d runs=%d warmup=%ds measure=%ds keycloak=%s "
                        + "(figures are medians; ratio = ours / Keycloak's)%n", cores, runs, warmup.toSeconds(),
                measure.toSeconds(), keycloak.version()));
        out.append(pair("logins_per_s", logins, cores, "ours bcrypt 10, Keycloak argon2id default; target>=1.1"));
        out.append(pair("refresh_per_s", refreshes, CONCURRENCY, "ours rotating, Keycloak not; target>=2"));
        out.append(pair("userinfo_per_s", reads, CONCURRENCY, "ours GET /api/v1/users/me; target>=2"));
        out.append(String.format(Locale.ROOT, "startup_s ours command %.1f query %.1f keycloak %.1f cores=%d%n",
                command.startup.toMillis() / 1000.0, query.startup.toMillis() / 1000.0,
                keycloak.startup.toMillis() / 1000.0, cores));
        out.append(String.format(Locale.ROOT, "rss_mib ours command %.0f query %.0f keycloak %.0f cores=%d%n",
                command.rssMiB(), query.rssMiB(), keycloak.rssMiB(), cores));
        Benchmark.report(out);
    }

    /** {@code GET /api/v1/users/me} with a fresh token, once the query side has seen the sign-in. */
    private static HttpRequest ourReader(HttpClient http, HttpRequest login, AppProcess query) throws Exception {
        var signedIn = send(http, login, 200);
        var me = HttpRequest.newBuilder(URI.create(query.url + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + group(Benchmark.ACCESS_TOKEN, signedIn)).build();
        send(http, HttpRequest.newBuilder(me, (n, v) -> true).header("X-Min-Position",
                signedIn.headers().firstValue("X-Event-Position").orElseThrow()).build(), 200);
        return me;
    }

    private static String pair(String name, Pair pair, int concurrency, String note) {
        var ratios = new ArrayList<Double>();
        for (int i = 0; i < pair.ours().size(); i++) {
            ratios.add(pair.ours().get(i).perSecond() / pair.theirs().get(i).perSecond());
        }
        return String.format(Locale.ROOT, "%s ours %.0f (p50 %.1f ms, p99 %.1f ms) keycloak %.0f (p50 %.1f ms, "
                        + "p99 %.1f ms) ratio %.2f runs=%s failures=%d/%d concurrency=%d (%s)%n", name,
                Benchmark.median(pair.ours(), LoadRun.Result::perSecond),
                Benchmark.median(pair.ours(), LoadRun.Result::p50Millis),
                Benchmark.median(pair.ours(), LoadRun.Result::p99Millis),
                Benchmark.median(pair.theirs(), LoadRun.Result::perSecond),
                Benchmark.median(pair.theirs(), LoadRun.Result::p50Millis),
                Benchmark.median(pair.theirs(), LoadRun.Result::p99Millis),
                Benchmark.median(ratios, d -> d), Benchmark.format(ratios),
                pair.ours().stream().mapToLong(LoadRun.Result::failures).sum(),
                pair.theirs().stream().mapToLong(LoadRun.Result::failures).sum(), concurrency, note);
    }

    private static boolean ok(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request, int expected)
            throws IOException, InterruptedException {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Benchmark.check(response.statusCode() == expected, request.uri() + ": " + response.statusCode() + " "
                + response.body());
        return response;
    }

    private static HttpResponse<String> sendUnchecked(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String group(Pattern pattern, HttpResponse<String> response) {
        var matcher = pattern.matcher(response.body());
        Benchmark.check(matcher.find(), "no " + pattern + " in " + response.body());
        return matcher.group(1);
    }

    private static HttpRequest json(String url, Map<String, ?> body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static HttpRequest form(String url, Map<String, String> fields) {
        var body = fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String required(String variable) {
        var value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run this through benchmarks/run.sh keycloak");
        }
        return value;
    }

    /** A Keycloak server in production mode, as its distribution starts it. */
    static final class Keycloak implements AutoCloseable {

        private final Process process;
        private final Path home;
        final String url;
        final Duration startup;

        private Keycloak(Process process, Path home, String url, Duration startup) {
            this.process = process;
            this.home = home;
            this.url = url;
            this.startup = startup;
        }

        static Keycloak start(Path home, Path java, String jdbcUrl, Path logs) throws Exception {
            var port = Benchmark.freePort();
            var management = Benchmark.freePort();
            var builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                    "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + management, "--hostname-strict=false", "--cache=local",
                    "--db=postgres", "--db-url=" + jdbcUrl.replaceFirst("\\?.*$", ""), "--db-username=postgres",
                    "--db-password=postgres")
                    .redirectErrorStream(true).redirectOutput(logs.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            Files.createDirectories(logs);
            var began = System.nanoTime();
            var process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "keycloak-stop"));
            var url = "http://127.0.0.1:" + port;
            var http = HttpClient.newHttpClient();
            var deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped; see target/bench-logs/keycloak.log");
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(url + "/realms/master")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new Keycloak(process, home, url, Duration.ofNanos(System.nanoTime() - began));
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            process.destroy();
            throw new IllegalStateException("Keycloak did not start; see target/bench-logs/keycloak.log");
        }

        /** The realm, its confidential client (password and refresh grants) and the user. */
        void prepare(HttpClient http) throws Exception {
            var admin = group(Benchmark.ACCESS_TOKEN, send(http, form(url
                    + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "admin-cli", "username", "admin", "password", "admin")), 200));
            send(http, adminJson("/admin/realms", admin, Map.of("realm", REALM, "enabled", true)), 201);
            send(http, adminJson("/admin/realms/" + REALM + "/clients", admin, Map.of("clientId", CLIENT,
                    "enabled", true, "publicClient", false, "secret", SECRET, "directAccessGrantsEnabled", true,
                    "standardFlowEnabled", false)), 201);
            send(http, adminJson("/admin/realms/" + REALM + "/users", admin, Map.of("username", "bench",
                    "email", "bench@example.com", "emailVerified", true, "enabled", true, "firstName", "Bench",
                    "lastName", "Mark", "credentials", List.of(Map.of("type", "password", "value",
                            Benchmark.PASSWORD, "temporary", false)))), 201);
        }

        HttpRequest passwordGrant() {
            return form(url + "/realms/" + REALM + "/protocol/openid-connect/token", Map.of("grant_type",
                    "password", "client_id", CLIENT, "client_secret", SECRET, "username", "bench", "password",
                    Benchmark.PASSWORD, "scope", "openid"));
        }

        HttpRequest refreshGrant(String refreshToken) {
            return form(url + "/realms/" + REALM + "/protocol/openid-connect/token", Map.of("grant_type",
                    "refresh_token", "client_id", CLIENT, "client_secret", SECRET, "refresh_token", refreshToken));
        }

        String version() {
            return home.getFileName().toString();
        }

        double rssMiB() throws IOException {
            // kc.sh runs the JVM as its child, or replaces itself with it
            var pids = new ArrayList<Long>();
            pids.add(process.pid());
            process.descendants().forEach(child -> pids.add(child.pid()));
            double total = 0;
            for (var pid : pids) {
                for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            }
            return total;
        }

        private HttpRequest adminJson(String path, String token, Map<String, ?> body) {
            return HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
