package io.identity.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cores went during a load: the CPU time each named process used, as a share of all the cores over the
 * wall time, and the rest (PostgreSQL, the kernel, other programs, idle). Says whether a figure is bound by our
 * code, by the load generator or by something else.
 */
final class CpuShare {

    private final Map<String, ProcessHandle> processes;
    private final Map<String, Duration> before = new LinkedHashMap<>();
    private final long startedAt;

    private CpuShare(Map<String, ProcessHandle> processes) {
        this.processes = processes;
        processes.forEach((name, process) -> before.put(name, cpu(process)));
        this.startedAt = System.nanoTime();
    }

    /** Starts counting for the given processes, by name. */
    static CpuShare of(Map<String, ProcessHandle> processes) {
        return new CpuShare(processes);
    }

    /** One line: each process's share of the machine since the start, e.g. {@code command=61% client=9% rest=30%}. */
    String stop() {
        var cores = Runtime.getRuntime().availableProcessors();
        var wallNanos = (double) (System.nanoTime() - startedAt) * cores;
        var line = new StringBuilder();
        var used = 0.0;
        for (var entry : processes.entrySet()) {
            var share = (cpu(entry.getValue()).toNanos() - before.get(entry.getKey()).toNanos()) / wallNanos;
            used += share;
            line.append(String.format(Locale.ROOT, "%s=%.0f%% ", entry.getKey(), 100 * share));
        }
        return line.append(String.format(Locale.ROOT, "rest=%.0f%%", 100 * Math.max(0, 1 - used))).toString();
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
