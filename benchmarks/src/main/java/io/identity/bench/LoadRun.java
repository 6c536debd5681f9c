package io.identity.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load run: a fixed number of threads, each doing one operation after another for a while.
 * Operations during the warm-up are not counted; latencies go to an HdrHistogram (microseconds).
 */
final class LoadRun {

    /** One operation; returns whether it succeeded. */
    interface Operation {
        boolean run() throws Exception;
    }

    record Result(double perSecond, long operations, long failures, double p50Millis, double p99Millis) {}

    private LoadRun() {}

    static Result run(int concurrency, Duration warmup, Duration measure, Operation operation)
            throws InterruptedException {
        var start = System.nanoTime();
        var measureFrom = start + warmup.toNanos();
        var end = measureFrom + measure.toNanos();
        var failures = new AtomicLong();
        var histograms = new ArrayList<Histogram>();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < concurrency; i++) {
            var histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            var thread = new Thread(
                    () -> {
                        while (true) {
                            var before = System.nanoTime();
                            if (before >= end) {
                                return;
                            }
                            boolean ok;
                            try {
                                ok = operation.run();
                            } catch (Exception e) {
                                ok = false;
                            }
                            var after = System.nanoTime();
                            if (before >= measureFrom && after <= end) {
                                if (ok) {
                                    histogram.recordValue(Math.max(1, (after - before) / 1_000));
                                } else {
                                    failures.incrementAndGet();
                                }
                            }
                        }
                    },
                    "load-" + i);
            threads.add(thread);
            thread.start();
        }
        for (var thread : threads) {
            thread.join();
        }
        var total = new Histogram(60_000_000L, 3);
        histograms.forEach(total::add);
        var seconds = measure.toNanos() / 1e9;
        return new Result(
                total.getTotalCount() / seconds,
                total.getTotalCount(),
                failures.get(),
                total.getValueAtPercentile(50) / 1000.0,
                total.getValueAtPercentile(99) / 1000.0);
    }
}
