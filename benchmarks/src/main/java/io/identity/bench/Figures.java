package io.identity.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** How the benchmarks print their figures: medians over the runs, with every run's value, on standard output. */
final class Figures {

    private Figures() {}

    /**
     * The figures, on standard output in UTF-8: they are what a benchmark run is for, and the logs go to standard
     * error, so the figures can be kept apart from them.
     */
    static void report(CharSequence figures) {
        var stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        stdout.print(figures);
        stdout.flush();
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
        var sorted = values.stream().mapToDouble(metric).sorted().toArray();
        var middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Every run's value, two decimals: {@code [1.00,2.50]}. */
    static String format(List<Double> values) {
        return values.stream()
                .map(v -> String.format(Locale.ROOT, "%.2f", v))
                .toList()
                .toString()
                .replace(" ", "");
    }

    /** A load's figure: the median rate and latencies of its runs, with every run's rate. */
    static String line(String name, List<LoadRun.Result> results, String unit, int concurrency) {
        var failures = results.stream().mapToLong(LoadRun.Result::failures).sum();
        return String.format(
                Locale.ROOT,
                "%s %.1f %s p50=%.2fms p99=%.2fms concurrency=%d failures=%d runs=%s%n",
                name,
                median(results, LoadRun.Result::perSecond),
                unit,
                median(results, LoadRun.Result::p50Millis),
                median(results, LoadRun.Result::p99Millis),
                concurrency,
                failures,
                format(results.stream().map(LoadRun.Result::perSecond).toList()));
    }
}
