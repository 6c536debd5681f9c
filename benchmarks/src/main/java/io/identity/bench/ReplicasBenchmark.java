package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Command throughput with one command-side instance and with two on the same database: profile changes
 * ({@code PATCH /api/v1/users/me/profile}, a non-hashing command) of many users, at a fixed concurrency, sent to
 * one instance, then spread over both.
 * <ul>
 *     <li>{@code commands_one_instance}, {@code commands_two_instances}: commands per second, p50/p99;</li>
 *     <li>{@code commands_two_to_one_ratio}: what the second instance adds on these cores.</li>
 * </ul>
 * Options: --runs N (3) --warmup S (5) --seconds S (15) --concurrency N (16).
 */
public final class ReplicasBenchmark {

    private static final int USERS = 64;

    private ReplicasBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Arguments.parse(args, Map.of("--runs", 3, "--warmup", 5, "--seconds", 15, "--concurrency", 16));
        var runs = options.get("--runs");
        var warmup = options.seconds("--warmup");
        var measure = options.seconds("--seconds");
        var concurrency = options.get("--concurrency");
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres = EmbeddedPostgres.builder().setPort(SetUp.freePort()).start()) {
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=4",
                    "--identity.kafka.enabled=false");
            try (var first = AppProcess.start(
                            "command-side-1",
                            "io.identity.command.CommandSideApplication",
                            SetUp.freePort(),
                            common,
                            logs);
                    var second = AppProcess.start(
                            "command-side-2",
                            "io.identity.command.CommandSideApplication",
                            SetUp.freePort(),
                            common,
                            logs)) {
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                var tokens = Users.signedIn(http, first.url, "rep", USERS);
                var one = new ArrayList<LoadRun.Result>();
                var two = new ArrayList<LoadRun.Result>();
                for (int run = 1; run <= runs; run++) {
                    one.add(load(http, List.of(first.url), tokens, concurrency, warmup, measure));
                    two.add(load(http, List.of(first.url, second.url), tokens, concurrency, warmup, measure));
                    System.err.printf(
                            Locale.ROOT,
                            "run %d/%d: one %.0f/s, two %.0f/s%n",
                            run,
                            runs,
                            one.get(one.size() - 1).perSecond(),
                            two.get(two.size() - 1).perSecond());
                }
                var ratios = new ArrayList<Double>();
                for (int i = 0; i < one.size(); i++) {
                    ratios.add(two.get(i).perSecond() / one.get(i).perSecond());
                }
                var out = new StringBuilder();
                out.append(String.format(
                        Locale.ROOT,
                        "# cores=%d runs=%d warmup=%ds measure=%ds concurrency=%d " + "(figures are medians)%n",
                        cores,
                        runs,
                        warmup.toSeconds(),
                        measure.toSeconds(),
                        concurrency));
                out.append(line("commands_one_instance", one, cores));
                out.append(line("commands_two_instances", two, cores));
                out.append(String.format(
                        Locale.ROOT,
                        "commands_two_to_one_ratio %.2f ratio runs=%s cores=%d%n",
                        Figures.median(ratios, d -> d),
                        Figures.format(ratios),
                        cores));
                Figures.report(out);
            }
        }
    }

    private static String line(String name, List<LoadRun.Result> results, int cores) {
        return String.format(
                Locale.ROOT,
                "%s %.0f 1/s p50=%.1fms p99=%.1fms failures=%d runs=%s cores=%d%n",
                name,
                Figures.median(results, LoadRun.Result::perSecond),
                Figures.median(results, LoadRun.Result::p50Millis),
                Figures.median(results, LoadRun.Result::p99Millis),
                results.stream().mapToLong(LoadRun.Result::failures).sum(),
                Figures.format(results.stream().map(LoadRun.Result::perSecond).toList()),
                cores);
    }

    /** Changes of many users' profiles, each operation the next user on the next instance: no two race. */
    private static LoadRun.Result load(
            HttpClient http,
            List<String> instances,
            List<String> tokens,
            int concurrency,
            Duration warmup,
            Duration measure)
            throws InterruptedException {
        var next = new AtomicLong();
        return LoadRun.run(concurrency, warmup, measure, () -> {
            var n = next.getAndIncrement();
            var request = Requests.bioChange(
                    instances.get((int) (n % instances.size())), tokens.get((int) (n % tokens.size())), n);
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        });
    }
}
