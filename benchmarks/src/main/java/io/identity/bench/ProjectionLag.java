package io.identity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * {@code projection_lag} of {@link CommandsBenchmark}: profile changes at a steady rate (open loop), and for every
 * {@code --sample}-th one the time from its response until a read that waits for its position is answered.
 */
final class ProjectionLag {

    private ProjectionLag() {}

    /** The commands' latencies and the lag, in milliseconds; the rate achieved; the failed commands and reads. */
    record Lag(double commandP50, double commandP99, double lagP50, double lagP99, double achieved, long failures) {}

    /** Commands at a steady rate; every sample-th one is followed by a read that waits for its position. */
    static Lag steady(
            HttpClient http,
            String commandUrl,
            String queryUrl,
            List<String> tokens,
            AtomicLong counter,
            CommandsBenchmark.Options options)
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
                    var token = tokens.get((int) (n % tokens.size()));
                    var counted = i >= warmupCount;
                    var start = System.nanoTime();
                    pending.incrementAndGet();
                    http.sendAsync(Requests.bioChange(commandUrl, token, n), HttpResponse.BodyHandlers.discarding())
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
                                    return CompletableFuture.completedFuture(null);
                                }
                                return http.sendAsync(
                                                readAt(queryUrl, token, position.get()),
                                                HttpResponse.BodyHandlers.ofString())
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
        SetUp.check(pending.get() == 0, pending.get() + " commands still unanswered");
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
    static void caughtUp(HttpClient http, String commandUrl, String queryUrl, String token, long n) throws Exception {
        var position = Requests.send(http, Requests.bioChange(commandUrl, token, n), 204)
                .headers()
                .firstValue("X-Event-Position")
                .orElseThrow();
        var read = readAt(queryUrl, token, position);
        var deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            SetUp.check(System.nanoTime() < deadline, "the projections did not catch up in 5 minutes");
        }
    }

    /** {@code GET /api/v1/users/me}, answered once the query side has projected up to {@code position}. */
    private static HttpRequest readAt(String queryUrl, String token, String position) {
        return HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + token)
                .header("X-Min-Position", position)
                .GET()
                .build();
    }
}
