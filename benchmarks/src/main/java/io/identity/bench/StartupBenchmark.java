package io.identity.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
                Benchmark.median(fresh, d -> d),
                Benchmark.format(fresh),
                cores));
        out.append(String.format(
                Locale.ROOT,
                "startup_standalone_existing_data %.1f s runs=%s target<=15 cores=%d%n",
                Benchmark.median(again, d -> d),
                Benchmark.format(again),
                cores));
        Benchmark.report(out);
    }

    /** Seconds from the launch until both apps are ready; then the standalone is stopped as Ctrl-C would. */
    private static double startAndStop(Path data) throws Exception {
        var commandPort = Benchmark.freePort();
        var queryPort = Benchmark.freePort();
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.identity.standalone.Standalone",
                "--identity.standalone.data-dir=" + data,
                "--identity.standalone.command-side-port=" + commandPort,
                "--identity.standalone.query-side-port=" + queryPort,
                "--identity.standalone.smtp-port=" + Benchmark.freePort()));
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
                awaitReady(
                        http,
                        process,
                        "http://127.0.0.1:" + port + "/actuator/health/readiness",
                        began + Duration.ofMinutes(3).toNanos());
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitReady(HttpClient http, Process process, String url, long deadline)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            Benchmark.check(process.isAlive(), "the standalone exited; see target/bench-logs/standalone.log");
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready in 3 minutes: " + url);
    }
}
