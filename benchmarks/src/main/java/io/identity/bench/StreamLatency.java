package io.identity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * {@code stream_command_to_message}: profile changes sent at a steady rate, round a set of signed-in users, each
 * marked with its number; a consumer of the users topic times each mark from its send to its message.
 */
final class StreamLatency {

    private static final Pattern MARK = Pattern.compile("\"displayName\":\"lat-(\\d+)\"");

    private StreamLatency() {}

    record Result(double p50Millis, double p99Millis, double achievedPerSecond, long failures) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "p50=%.1fms p99=%.1fms achieved=%.1f/s failures=%d",
                    p50Millis,
                    p99Millis,
                    achievedPerSecond,
                    failures);
        }
    }

    /**
     * Sends profile changes at the rate, round the users, each marked with its number; a consumer of the users
     * topic takes each mark's time from the send to its message.
     */
    static Result run(String commandUrl, String brokers, List<String> tokens, StreamBenchmark.Options options)
            throws Exception {
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(SetUp.daemonPool(8))
                .build();
        var sent = new ConcurrentHashMap<Integer, Long>();
        var histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        var failures = new AtomicInteger();
        var warmupCount = options.rate() * (int) options.warmup().toSeconds();
        var total = warmupCount + options.rate() * (int) options.measure().toSeconds();
        var received = new AtomicInteger();
        var done = new AtomicBoolean();
        try (var consumer = StreamTopics.consumer(brokers)) {
            var partitions = StreamTopics.partitions(consumer, List.of("identity.users"));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fixes the start before the first command is sent
            var reader = new Thread(
                    () -> {
                        while (!done.get()) {
                            for (var record : consumer.poll(Duration.ofMillis(50))) {
                                var mark = MARK.matcher(record.value());
                                if (mark.find()) {
                                    var n = Integer.parseInt(mark.group(1));
                                    var at = sent.get(n);
                                    if (at != null && n >= warmupCount) {
                                        histogram.recordValue(System.nanoTime() - at);
                                    }
                                    received.incrementAndGet();
                                }
                            }
                        }
                    },
                    "stream-reader");
            reader.start();
            var scheduler = Executors.newSingleThreadScheduledExecutor();
            var next = new AtomicInteger();
            var began = System.nanoTime();
            var lastSent = new AtomicLong(began);
            scheduler.scheduleAtFixedRate(
                    () -> {
                        var n = next.getAndIncrement();
                        if (n >= total) {
                            return;
                        }
                        var request = HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/users/me/profile"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + tokens.get(n % tokens.size()))
                                .method(
                                        "PATCH",
                                        HttpRequest.BodyPublishers.ofString("{\"displayName\":\"lat-" + n + "\"}"))
                                .build();
                        var now = System.nanoTime();
                        sent.put(n, now);
                        lastSent.set(now);
                        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                                .whenComplete((response, error) -> {
                                    if (error != null || response.statusCode() != 204) {
                                        failures.incrementAndGet();
                                    }
                                });
                    },
                    0,
                    1_000_000 / options.rate(),
                    TimeUnit.MICROSECONDS);
            var deadline = System.nanoTime()
                    + options.warmup().plus(options.measure()).plusSeconds(30).toNanos();
            while (received.get() + failures.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            var elapsed = Math.max(1, lastSent.get() - began) / 1e9;
            scheduler.shutdownNow();
            done.set(true);
            reader.join();
            SetUp.check(
                    received.get() + failures.get() >= total,
                    "messages of " + received.get() + " of " + total + " commands");
            return new Result(
                    histogram.getValueAtPercentile(50) / 1e6,
                    histogram.getValueAtPercentile(99) / 1e6,
                    (Math.min(next.get(), total) - 1) / elapsed,
                    failures.get());
        }
    }
}
