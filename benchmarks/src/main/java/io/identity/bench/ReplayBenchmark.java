package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rebuilding the read models from the events: a store of {@code --events} registrations, the query side's
 * schema dropped, one query-side instance started on it; every projection replays from the first event.
 * <ul>
 *     <li>{@code replay_users}: events per second the users projection applies, from the first reading of its
 *     lag after start to none (the other projections replaying beside it on the same cores);</li>
 *     <li>{@code replay_full}: seconds from the instance's start until every projection is at the head — the
 *     disaster-recovery rebuild of the README's operations section;</li>
 *     <li>{@code rebuild_users}: then, on the same (warm) instance, events per second of the users model's
 *     blue/green rebuild, from an operator's request until it is switched in — the users projection replaying
 *     alone.</li>
 * </ul>
 * A command side runs beside it, for the operator's sign-in. With {@code --instances} above 1 the instances start
 * one after another (each once the one before is ready) and each takes its fair share of every projection's
 * segments as it joins; the report adds, per run, how many segments each instance held once every projection was
 * at the head, and each instance's CPU seconds until then.
 * Options: --runs N (3) --events N (100000) --instances N (1: query-side instances sharing the segments).
 * {@code BENCH_QUERY_ARGS} adds settings to every query-side instance, to compare them.
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {}

    /**
     * One run's figures; with them, how the work was split: the projections' segments each instance held once
     * every projection was at the head, and each instance's CPU seconds from its start to then.
     */
    record Run(
            double usersPerSecond,
            double fullSeconds,
            double rebuildPerSecond,
            List<Integer> segmentsPerInstance,
            List<Long> cpuSecondsPerInstance) {}

    public static void main(String[] args) throws Exception {
        var options = Arguments.parse(args, Map.of("--runs", 3, "--events", 100_000, "--instances", 1));
        var runs = options.get("--runs");
        var events = options.get("--events");
        var instances = options.get("--instances");
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres = EmbeddedPostgres.builder().setPort(SetUp.freePort()).start()) {
            var jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            var common = AppProcess.settings(jdbcUrl, "--identity.kafka.enabled=false");
            try (var command = AppProcess.commandSide(common, logs)) {
                // operators are named by user id: the operator is registered before any query side starts
                var operatorId = registerOperator(command);
                var operator = operatorToken(command);
                var queryArgs = new ArrayList<>(common);
                queryArgs.add("--identity.operators=" + operatorId);
                queryArgs.add("--identity.jwks-uri=" + command.url + "/.well-known/jwks.json");
                // ready at once: what is measured is the replay, not the wait for it
                queryArgs.add("--identity.readiness.max-projection-lag=" + Integer.MAX_VALUE);
                // settings to compare, e.g. BENCH_QUERY_ARGS="--axon.eventhandling.processors.users.batch-size=500"
                var extra = System.getenv().getOrDefault("BENCH_QUERY_ARGS", "").trim();
                if (!extra.isEmpty()) {
                    queryArgs.addAll(List.of(extra.split("\\s+")));
                }
                var port = SetUp.freePort();
                // a first start makes the schemas; then the backlog goes straight into the store
                AppProcess.start("query-side", "io.identity.query.QuerySideApplication", port, queryArgs, logs)
                        .close();
                EventSeed.users(jdbcUrl, "replay", events);
                var results = new ArrayList<Run>();
                for (int run = 1; run <= runs; run++) {
                    dropReadModels(jdbcUrl);
                    var began = System.nanoTime();
                    var started = new ArrayList<AppProcess>();
                    try {
                        // the instances share the segments through the token store; each one's metrics cover all
                        for (int i = 0; i < instances; i++) {
                            started.add(AppProcess.start(
                                    "query-side-" + (i + 1),
                                    "io.identity.query.QuerySideApplication",
                                    i == 0 ? port : SetUp.freePort(),
                                    queryArgs,
                                    logs));
                        }
                        var replayed = ReplayWatch.replayed(started.get(0), began);
                        var segments = segmentsPerInstance(jdbcUrl);
                        var cpu = started.stream()
                                .map(query -> query.handle()
                                        .info()
                                        .totalCpuDuration()
                                        .map(Duration::toSeconds)
                                        .orElse(-1L))
                                .toList();
                        results.add(new Run(
                                replayed.usersPerSecond(),
                                replayed.fullSeconds(),
                                ReplayWatch.rebuilt(started.get(0), operator),
                                segments,
                                cpu));
                    } finally {
                        for (var query : started) {
                            query.close();
                        }
                    }
                    System.err.printf(
                            Locale.ROOT, "replay run %d/%d: %s%n", run, runs, results.get(results.size() - 1));
                }
                var out = new StringBuilder();
                out.append(String.format(
                        Locale.ROOT,
                        "# cores=%d runs=%d events=%d query-side instances=%d " + "(figures are medians)%n",
                        cores,
                        runs,
                        events,
                        instances));
                out.append(String.format(
                        Locale.ROOT,
                        "replay_users %.0f events/s (beside the other projections) "
                                + "target>=20000 runs=%s cores=%d%n",
                        Figures.median(results, Run::usersPerSecond),
                        Figures.format(results.stream().map(Run::usersPerSecond).toList()),
                        cores));
                out.append(String.format(
                        Locale.ROOT,
                        "replay_full %.1f s (start to every projection at the head) " + "runs=%s cores=%d%n",
                        Figures.median(results, Run::fullSeconds),
                        Figures.format(results.stream().map(Run::fullSeconds).toList()),
                        cores));
                out.append(String.format(
                        Locale.ROOT,
                        "rebuild_users %.0f events/s (alone, request to switched in) "
                                + "target>=20000 runs=%s cores=%d%n",
                        Figures.median(results, Run::rebuildPerSecond),
                        Figures.format(
                                results.stream().map(Run::rebuildPerSecond).toList()),
                        cores));
                for (var result : results) {
                    out.append(String.format(
                            Locale.ROOT,
                            "# run: segments held per instance at the head %s, CPU seconds per instance %s%n",
                            result.segmentsPerInstance(),
                            result.cpuSecondsPerInstance()));
                }
                Figures.report(out);
            }
        }
    }

    /** Registers the operator on the command side: its user id. */
    private static String registerOperator(AppProcess command) throws Exception {
        return Requests.group(
                Pattern.compile("\"userId\":\"([^\"]+)\""),
                Users.register(HttpClient.newHttpClient(), command.url, "operator"));
    }

    /** The operator signs in: a bearer token for the admin endpoints. */
    private static String operatorToken(AppProcess command) throws Exception {
        return "Bearer " + Users.signIn(HttpClient.newHttpClient(), command.url, "operator");
    }

    /** How many of the projections' segments each instance holds, most first. */
    private static List<Integer> segmentsPerInstance(String jdbcUrl) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var query = connection.createStatement();
                var rows = query.executeQuery("SELECT count(*) FROM query.token_entry WHERE owner IS NOT NULL "
                        + "GROUP BY owner ORDER BY count(*) DESC")) {
            var counts = new ArrayList<Integer>();
            while (rows.next()) {
                counts.add(rows.getInt(1));
            }
            return counts;
        }
    }

    /** Drops every read model and the query side's token store: the next start replays from the first event. */
    private static void dropReadModels(String jdbcUrl) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var drop = connection.createStatement()) {
            drop.execute("DROP SCHEMA IF EXISTS query CASCADE");
        }
    }
}
