package io.identity.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * GET loads from wrk, a separate native load generator, when it is on the PATH: a JVM client on the same two
 * cores spends much of the CPU that the server would use, so a read figure from wrk is closer to the server's
 * own. Each measured run comes after a warm-up run whose figures are dropped.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)");

    private Wrk() {}

    /** Whether wrk can be run here. */
    static boolean available() {
        var path = System.getenv("PATH");
        if (path == null || "0".equals(System.getenv("BENCH_WRK"))) {
            return false;
        }
        for (var directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * GETs of the request, answered 200, from {@code connections} connections: by wrk when it is installed, else
     * by the JVM client, one thread per connection.
     */
    static LoadRun.Result load(HttpClient http, HttpRequest request, int connections, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        if (!available()) {
            return LoadRun.run(
                    connections,
                    warmup,
                    measure,
                    () -> http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
        }
        var headers = new LinkedHashMap<String, String>();
        request.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return get(request.uri().toString(), headers, connections, warmup, measure);
    }

    /** Which load generator {@link #load} uses. */
    static String generator() {
        return available() ? "wrk" : "the JVM client";
    }

    /** GETs of one URL with the given headers from {@code connections} connections on one wrk thread. */
    private static LoadRun.Result get(
            String url, Map<String, String> headers, int connections, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        if (!warmup.isZero()) {
            run(url, headers, connections, warmup);
        }
        var output = run(url, headers, connections, measure);
        var failures = 0L;
        var non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        var errors = ERRORS.matcher(output);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                failures += Long.parseLong(errors.group(group));
            }
        }
        var rate = RATE.matcher(output);
        var total = TOTAL.matcher(output);
        if (!rate.find() || !total.find()) {
            throw new IllegalStateException("wrk printed no figures:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        var percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            var millis = Double.parseDouble(percentile.group(2))
                    * switch (percentile.group(3)) {
                        case "us" -> 0.001;
                        case "ms" -> 1.0;
                        default -> 1000.0;
                    };
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        var operations = Long.parseLong(total.group(1));
        // wrk counts every response; the failed ones are not service
        var perSecond = Double.parseDouble(rate.group(1))
                * (operations - Math.min(failures, operations))
                / Math.max(1, operations);
        return new LoadRun.Result(perSecond, operations, failures, p50, p99);
    }

    private static String run(String url, Map<String, String> headers, int connections, Duration duration)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.addAll(
                List.of("wrk", "--latency", "-t1", "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
        command.add(url);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(
                    String.format(Locale.ROOT, "wrk exited with %d:%n%s", process.exitValue(), output));
        }
        return output;
    }
}
