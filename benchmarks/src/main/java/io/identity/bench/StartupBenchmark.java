package io.identity.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How long the standalone (embedded PostgreSQL, Kafka broker and SMTP server, and both apps in one JVM) takes from
 * its launch to both apps answering ready: on a fresh data directory (the database and the broker are created,
 * every migration runs) and again on the data the first start left (what a developer sees every day).
 * Options: --runs N (3).
 */
public final class StartupBenchmark {

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        var runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
        var cores = Runtime.getRuntime().availableProcessors();
        var fresh = new ArrayList<Double>();
        var again = new ArrayList<Double>();
        for (int run = 1; run <= runs; run++) {
            var data = Files.createTempDirectory("standalone-startup");
            try {
                fresh.add(startAndStop(data));
                again.add(startAndStop(data));
                System.err.printf(
                        Locale.ROOT,
                        "run %d/%d: fresh %.1f s, again %.1f s%n",
                        run,
                        runs,
                        fresh.get(fresh.size() - 1),
                        again.get(again.size() - 1));
            } finally {
                try (var files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        }
        var out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "startup_standalone_fresh %.1f s runs=%s target<=15 cores=%d%n",
                Figures.median(fresh, d -> d),
                Figures.format(fresh),
                cores));
        out.append(String.format(
                Locale.ROOT,
                "startup_standalone_existing_data %.1f s runs=%s target<=15 cores=%d%n",
                Figures.median(again, d -> d),
                Figures.format(again),
                cores));
        Figures.report(out);
    }

    /** Seconds from the launch until both apps are ready; then the standalone is stopped as Ctrl-C would. */
    private static double startAndStop(Path data) throws Exception {
        var commandPort = SetUp.freePort();
        var queryPort = SetUp.freePort();
        var command = AppProcess.standalone(List.of(), data, commandPort, queryPort);
        var logs = Files.createDirectories(Path.of("target", "bench-logs"));
        var began = System.nanoTime();
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("standalone.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "standalone-stop"));
        try {
            var http = HttpClient.newHttpClient();
            for (var port : List.of(commandPort, queryPort)) {
                var url = "http://127.0.0.1:" + port + "/actuator/health/readiness";
                if (!AppProcess.awaitOk(
                        http,
                        process,
                        url,
                        began + Duration.ofMinutes(3).toNanos(),
                        Duration.ofMillis(100),
                        "set-up failed: the standalone exited; see target/bench-logs/standalone.log")) {
                    throw new IllegalStateException("not ready in 3 minutes: " + url);
                }
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            AppProcess.stop(process, Duration.ofSeconds(30));
            process.waitFor();
        }
    }
}
