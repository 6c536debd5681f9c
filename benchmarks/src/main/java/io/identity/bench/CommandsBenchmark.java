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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Non-hashing commands and how soon readers see them: profile changes ({@code PATCH /api/v1/users/me/profile})
 * of many users against one command side, with the query side projecting them.
 * <ul>
 *     <li>{@code profile_updates_per_s}: as many as a fixed concurrency gets through (closed loop);</li>
 *     <li>{@code projection_lag} at a steady rate (open loop, {@code --rate}, 200/s by default): for every
 *     {@code --sample}-th command, the time from its response until a read of {@code GET /api/v1/users/me} with
 *     {@code X-Min-Position} of the command's position is answered. That is the lag a reader sees: the
 *     projection's own, plus one read and the query side's check of the projections' positions.</li>
 * </ul>
 * Before the first run, both loads run untimed for {@code --jit-warmup} seconds in all: on two cores the JIT
 * compiler competes with the load for most of a minute after start-up, and a first run inside that minute measures
 * the compiler as much as the service.
 * Options: --runs N (3) --warmup S (5) --seconds S (15) --concurrency N (32) --rate N (200) --sample N (5)
 * --jit-warmup S (40) --durable 0|1 (0). zonky's embedded PostgreSQL runs with {@code synchronous_commit=off};
 * {@code --durable 1} sets PostgreSQL's durable default ({@code synchronous_commit=on}, {@code fsync=on}), as the
 * standalone and any production server have, so that the figures show what waiting for the disk costs.
 */
public final class CommandsBenchmark {

    private static final int USERS = 64;

    private CommandsBenchmark() {}

    record Options(
            int runs,
            Duration warmup,
            Duration measure,
            int concurrency,
            int rate,
            int sample,
            Duration jitWarmup,
            boolean durable) {

        static Options parse(String[] args) {
            var values = new TreeMap<>(Map.of(
                    "--runs",
                    3,
                    "--warmup",
                    5,
                    "--seconds",
                    15,
                    "--concurrency",
                    32,
                    "--rate",
                    200,
                    "--sample",
                    5,
                    "--jit-warmup",
                    40,
                    "--durable",
                    0));
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!values.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                values.put(args[i], Integer.parseInt(args[i + 1]));
            }
            return new Options(
                    values.get("--runs"),
                    Duration.ofSeconds(values.get("--warmup")),
                    Duration.ofSeconds(values.get("--seconds")),
                    values.get("--concurrency"),
                    values.get("--rate"),
                    values.get("--sample"),
                    Duration.ofSeconds(values.get("--jit-warmup")),
                    values.get("--durable") != 0);
        }
    }

    record Lag(double commandP50, double commandP99, double lagP50, double lagP99, double achieved, long failures) {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        var database = EmbeddedPostgres.builder().setPort(Benchmark.freePort());
        if (options.durable()) {
            database.setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on");
        }
        try (var postgres = database.start()) {
            // the hash does not enter these figures; a low cost only makes the sign-ups quick
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=4",
                    "--identity.kafka.enabled=false");
            try (var command = AppProcess.commandSide(common, logs);
                    var query = AppProcess.querySide(command, common, logs)) {
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .executor(Benchmark.daemonPool(8))
                        .build();
                var tokens = signedInUsers(http, command.url);
                var processes =
                        Map.of("command", command.handle(), "query", query.handle(), "client", ProcessHandle.current());
                var closed = new ArrayList<LoadRun.Result>();
                var lags = new ArrayList<Lag>();
                var cpu = new TreeMap<String, String>();
                var counter = new AtomicLong();
                if (!options.jitWarmup().isZero()) {
                    var half = options.jitWarmup().dividedBy(2);
                    LoadRun.run(
                            options.concurrency(),
                            half,
                            Duration.ofSeconds(1),
                            () -> changed(http, command.url, tokens, counter.getAndIncrement()));
                    caughtUp(http, command.url, query.url, tokens.get(0), counter.getAndIncrement());
                    try {
                        steady(
                                http,
                                command.url,
                                query.url,
                                tokens,
                                counter,
                                new Options(
                                        1,
                                        half,
                                        Duration.ofSeconds(1),
                                        options.concurrency(),
                                        options.rate(),
                                        options.sample(),
                                        Duration.ZERO,
                                        options.durable()));
                    } catch (IllegalStateException behind) {
                        System.err.println("JIT warm-up: " + behind.getMessage());
                    }
                    caughtUp(http, command.url, query.url, tokens.get(0), counter.getAndIncrement());
                    System.err.printf(
                            Locale.ROOT,
                            "JIT warm-up of %ds done%n",
                            options.jitWarmup().toSeconds());
                }
                for (int run = 1; run <= options.runs(); run++) {
                    var share = CpuShare.of(processes);
                    closed.add(LoadRun.run(
                            options.concurrency(),
                            options.warmup(),
                            options.measure(),
                            () -> changed(http, command.url, tokens, counter.getAndIncrement())));
                    cpu.put("profile updates run " + run, share.stop());
                    caughtUp(http, command.url, query.url, tokens.get(0), counter.getAndIncrement());
                    share = CpuShare.of(processes);
                    lags.add(steady(http, command.url, query.url, tokens, counter, options));
                    cpu.put("steady rate run " + run, share.stop());
                    System.err.printf(Locale.ROOT, "run %d/%d done%n", run, options.runs());
                }
                var out = new StringBuilder();
                out.append(String.format(
                        Locale.ROOT,
                        "# cores=%d runs=%d jit-warmup=%ds warmup=%ds measure=%ds "
                                + "synchronous_commit=%s (figures are medians)%n",
                        cores,
                        options.runs(),
                        options.jitWarmup().toSeconds(),
                        options.warmup().toSeconds(),
                        options.measure().toSeconds(),
                        options.durable() ? "on" : "off"));
                out.append(String.format(
                        Locale.ROOT,
                        "profile_updates_per_s %.0f 1/s p50=%.1fms p99=%.1fms "
                                + "concurrency=%d failures=%d runs=%s target>=1500 cores=%d%n",
                        Benchmark.median(closed, LoadRun.Result::perSecond),
                        Benchmark.median(closed, LoadRun.Result::p50Millis),
                        Benchmark.median(closed, LoadRun.Result::p99Millis),
                        options.concurrency(),
                        closed.stream().mapToLong(LoadRun.Result::failures).sum(),
                        Benchmark.format(
                                closed.stream().map(LoadRun.Result::perSecond).toList()),
                        cores));
                out.append(String.format(
                        Locale.ROOT,
                        "projection_lag p50=%.1fms p99=%.1fms at=%d/s "
                                + "achieved=%.0f/s commands p50=%.1fms p99=%.1fms failures=%d lag_p99_runs=%s "
                                + "target p99<100ms cores=%d%n",
                        Benchmark.median(lags, Lag::lagP50),
                        Benchmark.median(lags, Lag::lagP99),
                        options.rate(),
                        Benchmark.median(lags, Lag::achieved),
                        Benchmark.median(lags, Lag::commandP50),
                        Benchmark.median(lags, Lag::commandP99),
                        lags.stream().mapToLong(Lag::failures).sum(),
                        Benchmark.format(lags.stream().map(Lag::lagP99).toList()),
                        cores));
                cpu.forEach((load, shares) ->
                        out.append(String.format(Locale.ROOT, "# cpu during %s: %s%n", load, shares)));
                Benchmark.report(out);
            }
        }
    }

    /** Commands at a steady rate; every sample-th one is followed by a read that waits for its position. */
    private static Lag steady(
            HttpClient http,
            String commandUrl,
            String queryUrl,
            List<String> tokens,
            AtomicLong counter,
            Options options)
            throws InterruptedException {
        var commands = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        var lags = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        var failures = new AtomicInteger();
        var pending = new AtomicInteger();
        var sent = new AtomicInteger();
        var warmupCount = options.rate() * (int) options.warmup().toSeconds();
        var total = warmupCount + options.rate() * (int) options.measure().toSeconds();
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var began = System.nanoTime();
        scheduler.scheduleAtFixedRate(
                () -> {
                    var i = sent.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    var n = counter.getAndIncrement();
                    var token = tokens.get((int) (n % USERS));
                    var counted = i >= warmupCount;
                    var start = System.nanoTime();
                    pending.incrementAndGet();
                    http.sendAsync(change(commandUrl, token, n), HttpResponse.BodyHandlers.discarding())
                            .thenCompose(response -> {
                                var answered = System.nanoTime();
                                var position = response.headers().firstValue("X-Event-Position");
                                if (response.statusCode() != 204 || position.isEmpty()) {
                                    throw new IllegalStateException("command answered " + response.statusCode());
                                }
                                if (counted) {
                                    commands.recordValue((answered - start) / 1000);
                                }
                                if (i % options.sample() != 0) {
                                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                                }
                                var read = HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/users/me"))
                                        .header("Authorization", "Bearer " + token)
                                        .header("X-Min-Position", position.get())
                                        .GET()
                                        .build();
                                return http.sendAsync(read, HttpResponse.BodyHandlers.ofString())
                                        .thenAccept(seen -> {
                                            if (seen.statusCode() != 200) {
                                                throw new IllegalStateException(
                                                        "read answered " + seen.statusCode() + ": " + seen.body());
                                            }
                                            if (counted) {
                                                lags.recordValue((System.nanoTime() - answered) / 1000);
                                            }
                                        });
                            })
                            .whenComplete((ok, error) -> {
                                if (error != null && counted && failures.getAndIncrement() == 0) {
                                    System.err.println("first failure: " + error);
                                }
                                pending.decrementAndGet();
                            });
                },
                0,
                1_000_000 / options.rate(),
                TimeUnit.MICROSECONDS);
        var deadline = System.nanoTime()
                + options.warmup().plus(options.measure()).plusSeconds(30).toNanos();
        while ((sent.get() < total || pending.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        var elapsed = (System.nanoTime() - began) / 1e9;
        scheduler.shutdownNow();
        Benchmark.check(pending.get() == 0, pending.get() + " commands still unanswered");
        return new Lag(
                commands.getValueAtPercentile(50) / 1000.0,
                commands.getValueAtPercentile(99) / 1000.0,
                lags.getValueAtPercentile(50) / 1000.0,
                lags.getValueAtPercentile(99) / 1000.0,
                Math.min(sent.get(), total) / elapsed,
                failures.get());
    }

    /**
     * Waits until the projections have caught up with the closed loop, which appends faster than they project: a
     * steady run that began with that backlog would time the backlog, not the lag.
     */
    private static void caughtUp(HttpClient http, String commandUrl, String queryUrl, String token, long n)
            throws Exception {
        var position = Requests.send(http, change(commandUrl, token, n), 204)
                .headers()
                .firstValue("X-Event-Position")
                .orElseThrow();
        var read = HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + token)
                .header("X-Min-Position", position)
                .GET()
                .build();
        var deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            Benchmark.check(System.nanoTime() < deadline, "the projections did not catch up in 5 minutes");
        }
    }

    /** The n-th profile change, of the n-th user round the list; whether it was accepted. */
    private static boolean changed(HttpClient http, String commandUrl, List<String> tokens, long n) throws Exception {
        return http.send(change(commandUrl, tokens.get((int) (n % USERS)), n), HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 204;
    }

    private static HttpRequest change(String commandUrl, String token, long n) {
        return HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/users/me/profile"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"bio\":\"change " + n + "\"}"))
                .build();
    }

    private static List<String> signedInUsers(HttpClient http, String url) throws Exception {
        var tokens = new ArrayList<String>();
        for (int i = 0; i < USERS; i++) {
            var name = "cmd" + i;
            Requests.send(
                    http,
                    Requests.json(
                            url + "/api/v1/registrations",
                            Map.of("username", name, "email", name + "@example.com", "password", Benchmark.PASSWORD)),
                    201);
            var login = Requests.send(
                    http,
                    Requests.json(url + "/api/v1/auth/login", Map.of("login", name, "password", Benchmark.PASSWORD)),
                    200);
            tokens.add(Requests.group(Requests.ACCESS_TOKEN, login));
        }
        return tokens;
    }
}
