package io.identity.bench;

import io.identity.bench.ProjectionLag.Lag;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

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
            var options = Arguments.parse(
                    args,
                    Map.of(
                            "--runs", 3,
                            "--warmup", 5,
                            "--seconds", 15,
                            "--concurrency", 32,
                            "--rate", 200,
                            "--sample", 5,
                            "--jit-warmup", 40,
                            "--durable", 0));
            return new Options(
                    options.get("--runs"),
                    options.seconds("--warmup"),
                    options.seconds("--seconds"),
                    options.get("--concurrency"),
                    options.get("--rate"),
                    options.get("--sample"),
                    options.seconds("--jit-warmup"),
                    options.get("--durable") != 0);
        }
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        var database = EmbeddedPostgres.builder().setPort(SetUp.freePort());
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
                        .executor(SetUp.daemonPool(8))
                        .build();
                var tokens = Users.signedIn(http, command.url, "cmd", USERS);
                var processes =
                        Map.of("command", command.handle(), "query", query.handle(), "client", ProcessHandle.current());
                var closed = new ArrayList<LoadRun.Result>();
                var lags = new ArrayList<Lag>();
                var cpu = new TreeMap<String, String>();
                var counter = new AtomicLong();
                if (!options.jitWarmup().isZero()) {
                    jitWarmUp(http, command.url, query.url, tokens, counter, options);
                }
                for (int run = 1; run <= options.runs(); run++) {
                    var share = CpuShare.of(processes);
                    closed.add(LoadRun.run(
                            options.concurrency(),
                            options.warmup(),
                            options.measure(),
                            () -> changed(http, command.url, tokens, counter.getAndIncrement())));
                    cpu.put("profile updates run " + run, share.stop());
                    ProjectionLag.caughtUp(http, command.url, query.url, tokens.get(0), counter.getAndIncrement());
                    share = CpuShare.of(processes);
                    lags.add(ProjectionLag.steady(http, command.url, query.url, tokens, counter, options));
                    cpu.put("steady rate run " + run, share.stop());
                    System.err.printf(Locale.ROOT, "run %d/%d done%n", run, options.runs());
                }
                Figures.report(figures(options, cores, closed, lags, cpu));
            }
        }
    }

    /** Both loads, untimed, half of {@code --jit-warmup} each, so that the runs measure compiled code. */
    private static void jitWarmUp(
            HttpClient http,
            String commandUrl,
            String queryUrl,
            List<String> tokens,
            AtomicLong counter,
            Options options)
            throws Exception {
        var half = options.jitWarmup().dividedBy(2);
        LoadRun.run(
                options.concurrency(),
                half,
                Duration.ofSeconds(1),
                () -> changed(http, commandUrl, tokens, counter.getAndIncrement()));
        ProjectionLag.caughtUp(http, commandUrl, queryUrl, tokens.get(0), counter.getAndIncrement());
        try {
            ProjectionLag.steady(
                    http,
                    commandUrl,
                    queryUrl,
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
        ProjectionLag.caughtUp(http, commandUrl, queryUrl, tokens.get(0), counter.getAndIncrement());
        System.err.printf(
                Locale.ROOT, "JIT warm-up of %ds done%n", options.jitWarmup().toSeconds());
    }

    private static StringBuilder figures(
            Options options, int cores, List<LoadRun.Result> closed, List<Lag> lags, Map<String, String> cpu) {
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
                Figures.median(closed, LoadRun.Result::perSecond),
                Figures.median(closed, LoadRun.Result::p50Millis),
                Figures.median(closed, LoadRun.Result::p99Millis),
                options.concurrency(),
                closed.stream().mapToLong(LoadRun.Result::failures).sum(),
                Figures.format(closed.stream().map(LoadRun.Result::perSecond).toList()),
                cores));
        out.append(String.format(
                Locale.ROOT,
                "projection_lag p50=%.1fms p99=%.1fms at=%d/s "
                        + "achieved=%.0f/s commands p50=%.1fms p99=%.1fms failures=%d lag_p99_runs=%s "
                        + "target p99<100ms cores=%d%n",
                Figures.median(lags, Lag::lagP50),
                Figures.median(lags, Lag::lagP99),
                options.rate(),
                Figures.median(lags, Lag::achieved),
                Figures.median(lags, Lag::commandP50),
                Figures.median(lags, Lag::commandP99),
                lags.stream().mapToLong(Lag::failures).sum(),
                Figures.format(lags.stream().map(Lag::lagP99).toList()),
                cores));
        cpu.forEach((load, shares) -> out.append(String.format(Locale.ROOT, "# cpu during %s: %s%n", load, shares)));
        return out;
    }

    /** The n-th profile change, of the n-th user round the list; whether it was accepted. */
    private static boolean changed(HttpClient http, String commandUrl, List<String> tokens, long n) throws Exception {
        return http.send(
                                Requests.bioChange(commandUrl, tokens.get((int) (n % tokens.size())), n),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 204;
    }
}
