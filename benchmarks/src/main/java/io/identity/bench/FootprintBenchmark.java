package io.identity.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone's memory under a mixed load: one JVM with both apps, the Kafka broker and the SMTP server (the
 * embedded PostgreSQL runs as processes of its own), started with the JVM options and the {@code MALLOC_ARENA_MAX}
 * the README's command gives it ({@code bench.standalone.jvm} and {@code bench.standalone.malloc-arena-max}, which
 * {@code run.sh} reads from {@code standalone/pom.xml}), or with neither, the JVM's own sizing, for comparison
 * ({@code --defaults 1}). A few people sign up, then for {@code --seconds} a
 * closed loop at {@code --concurrency} mixes reads of {@code users/me} (three in four), profile changes (one in
 * five) and a new sign-up with its sign-in (one in fifty, two password hashes). Prints the operations per second
 * and the JVM's resident set size: its highest, sampled every second, and at the end.
 * Options: --runs N (3) --seconds S (180) --concurrency N (8) --defaults 0|1 (0).
 */
public final class FootprintBenchmark {

    private FootprintBenchmark() {}

    record Run(double perSecond, long failures, double peakRssMiB, double endRssMiB) {}

    public static void main(String[] args) throws Exception {
        var options = Arguments.parse(args, Map.of("--runs", 3, "--seconds", 180, "--concurrency", 8, "--defaults", 0));
        var jvm = options.get("--defaults") == 1
                ? List.<String>of()
                : Arrays.stream(System.getProperty("bench.standalone.jvm", "")
                                .trim()
                                .split("\\s+"))
                        .filter(option -> option.startsWith("-X"))
                        .toList();
        var results = new ArrayList<Run>();
        for (int run = 1; run <= options.get("--runs"); run++) {
            var result = run(jvm, Duration.ofSeconds(options.get("--seconds")), options.get("--concurrency"));
            results.add(result);
            System.err.printf(
                    Locale.ROOT,
                    "run %d: %.1f ops/s, %d failures, RSS peak %.0f MiB, at the end %.0f MiB%n",
                    run,
                    result.perSecond(),
                    result.failures(),
                    result.peakRssMiB(),
                    result.endRssMiB());
        }
        Figures.report(String.format(
                Locale.ROOT,
                "standalone_mixed_load %.1f ops/s runs=%s failures=%d concurrency=%d jvm=%s cores=%d%n"
                        + "standalone_rss_peak %.0f MiB runs=%s target<=600%n"
                        + "standalone_rss_end %.0f MiB runs=%s%n",
                Figures.median(results, Run::perSecond),
                Figures.format(results.stream().map(Run::perSecond).toList()),
                results.stream().mapToLong(Run::failures).sum(),
                options.get("--concurrency"),
                jvm.isEmpty() ? "(the JVM's defaults)" : String.join(" ", jvm),
                Runtime.getRuntime().availableProcessors(),
                Figures.median(results, Run::peakRssMiB),
                Figures.format(results.stream().map(Run::peakRssMiB).toList()),
                Figures.median(results, Run::endRssMiB),
                Figures.format(results.stream().map(Run::endRssMiB).toList())));
    }

    private static Run run(List<String> jvm, Duration measure, int concurrency) throws Exception {
        var data = Files.createTempDirectory("standalone-footprint");
        var commandPort = SetUp.freePort();
        var queryPort = SetUp.freePort();
        // all load comes from one address: per-IP limits would refuse most sign-ups
        var command = AppProcess.standalone(jvm, data, commandPort, queryPort, "--identity.rate-limits.enabled=false");
        var logs = Files.createDirectories(Path.of("target", "bench-logs"));
        var began = System.nanoTime();
        var builder = new ProcessBuilder(command);
        var arenas = System.getProperty("bench.standalone.malloc-arena-max", "");
        if (!jvm.isEmpty() && !arenas.isBlank()) {
            // the environment the README's command gives the standalone (spring-boot:run's environmentVariables)
            builder.environment().put("MALLOC_ARENA_MAX", arenas.trim());
        }
        var process = builder.redirectErrorStream(true)
                .redirectOutput(logs.resolve("standalone-footprint.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "standalone-stop"));
        try {
            var http = HttpClient.newHttpClient();
            var commandUrl = "http://127.0.0.1:" + commandPort;
            var queryUrl = "http://127.0.0.1:" + queryPort;
            for (var url : List.of(commandUrl, queryUrl)) {
                SetUp.check(
                        AppProcess.awaitOk(
                                http,
                                process,
                                url + "/actuator/health/readiness",
                                began + Duration.ofMinutes(3).toNanos(),
                                Duration.ofMillis(200),
                                "the standalone exited; see target/bench-logs/standalone-footprint.log"),
                        "the standalone is ready");
            }
            var prefix = "fp" + Long.toString(System.nanoTime(), 36);
            var tokens = Users.signedIn(http, commandUrl, prefix, 2 * concurrency);
            var peak = new double[] {AppProcess.rssMiB(process.pid())};
            var sampler = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                peak[0] = Math.max(peak[0], AppProcess.rssMiB(process.pid()));
                                Thread.sleep(1000);
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                // the process ended: the run fails below
                            }
                        }
                    },
                    "rss");
            sampler.setDaemon(true);
            sampler.start();
            var counter = new AtomicLong();
            var result = LoadRun.run(concurrency, Duration.ofSeconds(10), measure, () -> {
                var n = counter.incrementAndGet();
                var token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
                if (n % 50 == 0) {
                    var name = prefix + "n" + n;
                    Users.register(http, commandUrl, name);
                    return Users.signIn(http, commandUrl, name) != null;
                }
                if (n % 5 == 1) {
                    return http.send(Requests.bioChange(commandUrl, token, n), HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 204;
                }
                return Requests.ok(http, Requests.get(queryUrl + "/api/v1/users/me", token));
            });
            sampler.interrupt();
            sampler.join();
            var end = AppProcess.rssMiB(process.pid());
            return new Run(result.perSecond(), result.failures(), Math.max(peak[0], end), end);
        } finally {
            AppProcess.stop(process, Duration.ofSeconds(30));
            process.waitFor();
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
