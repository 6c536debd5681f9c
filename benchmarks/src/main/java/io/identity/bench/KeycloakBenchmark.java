package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    private static final int CONCURRENCY = 16;

    private KeycloakBenchmark() {}

    record Pair(List<LoadRun.Result> ours, List<LoadRun.Result> theirs) {}

    public static void main(String[] args) throws Exception {
        var options = Arguments.parse(args, Map.of("--runs", 3, "--warmup", 5, "--seconds", 15));
        var runs = options.get("--runs");
        var warmup = options.seconds("--warmup");
        var measure = options.seconds("--seconds");
        var home = Path.of(required("KEYCLOAK_HOME"));
        var java = Path.of(required("KEYCLOAK_JAVA_HOME"));
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres = EmbeddedPostgres.builder().setPort(SetUp.freePort()).start()) {
            try (var connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                    var create = connection.createStatement()) {
                create.execute("CREATE DATABASE keycloak");
            }
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=10",
                    "--identity.kafka.enabled=false");
            try (var command = AppProcess.commandSide(common, logs);
                    var query = AppProcess.querySide(command, common, logs);
                    var keycloak =
                            KeycloakServer.start(home, java, postgres.getJdbcUrl("postgres", "keycloak"), logs)) {
                compare(runs, warmup, measure, cores, command, query, keycloak);
            }
        }
    }

    private static void compare(
            int runs,
            Duration warmup,
            Duration measure,
            int cores,
            AppProcess command,
            AppProcess query,
            KeycloakServer keycloak)
            throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // ours: one person; every login opens a session, every thread refreshes its own
        Users.register(http, command.url, "bench");
        var ourLogin =
                Requests.json(command.url + "/api/v1/auth/login", Map.of("login", "bench", "password", Users.PASSWORD));
        var ourRefresh = ThreadLocal.<String>withInitial(
                () -> Requests.group(Requests.REFRESH_TOKEN, Requests.sendUnchecked(http, ourLogin)));
        keycloak.prepare(http);
        var theirLogin = keycloak.passwordGrant();
        var theirRefresh =
                keycloak.refreshGrant(Requests.group(Requests.REFRESH_TOKEN, Requests.send(http, theirLogin, 200)));

        var logins = new Pair(new ArrayList<>(), new ArrayList<>());
        var refreshes = new Pair(new ArrayList<>(), new ArrayList<>());
        var reads = new Pair(new ArrayList<>(), new ArrayList<>());
        for (int run = 1; run <= runs; run++) {
            logins.ours().add(LoadRun.run(cores, warmup, measure, () -> Requests.ok(http, ourLogin)));
            logins.theirs().add(LoadRun.run(cores, warmup, measure, () -> Requests.ok(http, theirLogin)));
            refreshes.ours().add(LoadRun.run(CONCURRENCY, warmup, measure, () -> {
                var response = http.send(
                        Requests.json(command.url + "/api/v1/auth/refresh", Map.of("refresh_token", ourRefresh.get())),
                        HttpResponse.BodyHandlers.ofString());
                var next = Requests.REFRESH_TOKEN.matcher(response.body());
                if (response.statusCode() == 200 && next.find()) {
                    ourRefresh.set(next.group(1));
                    return true;
                }
                ourRefresh.remove(); // a fresh session for this thread
                return false;
            }));
            refreshes.theirs().add(LoadRun.run(CONCURRENCY, warmup, measure, () -> Requests.ok(http, theirRefresh)));
            // fresh access tokens for each run: Keycloak's live five minutes
            var me = ourReader(http, ourLogin, query);
            var userinfo = HttpRequest.newBuilder(URI.create(
                            keycloak.url + "/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/userinfo"))
                    .header(
                            "Authorization",
                            "Bearer " + Requests.group(Requests.ACCESS_TOKEN, Requests.send(http, theirLogin, 200)))
                    .build();
            Requests.send(http, userinfo, 200);
            reads.ours().add(Wrk.load(http, me, CONCURRENCY, warmup, measure));
            reads.theirs().add(Wrk.load(http, userinfo, CONCURRENCY, warmup, measure));
            System.err.printf(Locale.ROOT, "run %d/%d done%n", run, runs);
        }
        var out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "# cores=%d runs=%d warmup=%ds measure=%ds keycloak=%s "
                        + "(figures are medians; ratio = ours / Keycloak's)%n",
                cores,
                runs,
                warmup.toSeconds(),
                measure.toSeconds(),
                keycloak.version()));
        out.append(pair("logins_per_s", logins, cores, "ours bcrypt 10, Keycloak argon2id default; target>=1.1"));
        out.append(pair("refresh_per_s", refreshes, CONCURRENCY, "ours rotating, Keycloak not; target>=2"));
        out.append(pair(
                "userinfo_per_s",
                reads,
                CONCURRENCY,
                "ours GET /api/v1/users/me, load from " + Wrk.generator() + "; target>=2"));
        out.append(String.format(
                Locale.ROOT,
                "startup_s ours command %.1f query %.1f keycloak %.1f cores=%d%n",
                command.startup.toMillis() / 1000.0,
                query.startup.toMillis() / 1000.0,
                keycloak.startup.toMillis() / 1000.0,
                cores));
        out.append(String.format(
                Locale.ROOT,
                "rss_mib ours command %.0f query %.0f keycloak %.0f cores=%d%n",
                command.rssMiB(),
                query.rssMiB(),
                keycloak.rssMiB(),
                cores));
        Figures.report(out);
    }

    /** {@code GET /api/v1/users/me} with a fresh token, once the query side has seen the sign-in. */
    private static HttpRequest ourReader(HttpClient http, HttpRequest login, AppProcess query) throws Exception {
        var signedIn = Requests.send(http, login, 200);
        var me = Requests.get(query.url + "/api/v1/users/me", Requests.group(Requests.ACCESS_TOKEN, signedIn));
        Requests.send(
                http,
                HttpRequest.newBuilder(me, (n, v) -> true)
                        .header(
                                "X-Min-Position",
                                signedIn.headers()
                                        .firstValue("X-Event-Position")
                                        .orElseThrow())
                        .build(),
                200);
        return me;
    }

    private static String pair(String name, Pair pair, int concurrency, String note) {
        var ratios = new ArrayList<Double>();
        for (int i = 0; i < pair.ours().size(); i++) {
            ratios.add(pair.ours().get(i).perSecond() / pair.theirs().get(i).perSecond());
        }
        return String.format(
                Locale.ROOT,
                "%s ours %.0f (p50 %.1f ms, p99 %.1f ms) keycloak %.0f (p50 %.1f ms, "
                        + "p99 %.1f ms) ratio %.2f runs=%s failures=%d/%d concurrency=%d (%s)%n",
                name,
                Figures.median(pair.ours(), LoadRun.Result::perSecond),
                Figures.median(pair.ours(), LoadRun.Result::p50Millis),
                Figures.median(pair.ours(), LoadRun.Result::p99Millis),
                Figures.median(pair.theirs(), LoadRun.Result::perSecond),
                Figures.median(pair.theirs(), LoadRun.Result::p50Millis),
                Figures.median(pair.theirs(), LoadRun.Result::p99Millis),
                Figures.median(ratios, d -> d),
                Figures.format(ratios),
                pair.ours().stream().mapToLong(LoadRun.Result::failures).sum(),
                pair.theirs().stream().mapToLong(LoadRun.Result::failures).sum(),
                concurrency,
                note);
    }

    private static String required(String variable) {
        var value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run this through benchmarks/run.sh keycloak");
        }
        return value;
    }
}
