package io.identity.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

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

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final int USERS = 64;

    private ReplicasBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = 3;
        var warmup = Duration.ofSeconds(5);
        var measure = Duration.ofSeconds(15);
        int concurrency = 16;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres =
                EmbeddedPostgres.builder().setPort(Benchmark.freePort()).start()) {
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=4",
                    "--identity.kafka.enabled=false");
            try (var first = AppProcess.start(
                            "command-side-1",
                            "io.identity.command.CommandSideApplication",
                            Benchmark.freePort(),
                            common,
                            logs);
                    var second = AppProcess.start(
                            "command-side-2",
                            "io.identity.command.CommandSideApplication",
                            Benchmark.freePort(),
                            common,
                            logs)) {
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                var tokens = users(http, first.url);
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
                        Benchmark.median(ratios, d -> d),
                        Benchmark.format(ratios),
                        cores));
                Benchmark.report(out);
            }
        }
    }

    private static String line(String name, List<LoadRun.Result> results, int cores) {
        return String.format(
                Locale.ROOT,
                "%s %.0f 1/s p50=%.1fms p99=%.1fms failures=%d runs=%s cores=%d%n",
                name,
                Benchmark.median(results, LoadRun.Result::perSecond),
                Benchmark.median(results, LoadRun.Result::p50Millis),
                Benchmark.median(results, LoadRun.Result::p99Millis),
                results.stream().mapToLong(LoadRun.Result::failures).sum(),
                Benchmark.format(results.stream().map(LoadRun.Result::perSecond).toList()),
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
            var request = HttpRequest.newBuilder(
                            URI.create(instances.get((int) (n % instances.size())) + "/api/v1/users/me/profile"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get((int) (n % tokens.size())))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"bio\":\"change " + n + "\"}"))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        });
    }

    private static List<String> users(HttpClient http, String url) throws Exception {
        var tokens = new ArrayList<String>();
        for (int i = 0; i < USERS; i++) {
            var name = "rep" + i;
            var registered = http.send(
                    json(
                            url + "/api/v1/registrations",
                            "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\""
                                    + PASSWORD + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            Benchmark.check(registered.statusCode() == 201, "registration: " + registered.body());
            var login = http.send(
                    json(url + "/api/v1/auth/login", "{\"login\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            var matcher = TOKEN.matcher(login.body());
            Benchmark.check(matcher.find(), "login: " + login.body());
            tokens.add(matcher.group(1));
        }
        return tokens;
    }

    private static HttpRequest json(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
