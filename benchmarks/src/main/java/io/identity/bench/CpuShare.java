package io.identity.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cores went during a load: the CPU time each named process used, as a share of all the cores over the
 * wall time, PostgreSQL's (all its processes), and the rest (the kernel, other programs such as wrk, idle). Says
 * whether a figure is bound by our code, by the database, by the load generator or by waiting.
 */
final class CpuShare {

    private final Map<String, ProcessHandle> processes;
    private final Map<String, Duration> before = new LinkedHashMap<>();
    private final Map<Long, Duration> postgresBefore;
    private final long startedAt;

    private CpuShare(Map<String, ProcessHandle> processes) {
        this.processes = processes;
        processes.forEach((name, process) -> before.put(name, cpu(process)));
        this.postgresBefore = postgres();
        this.startedAt = System.nanoTime();
    }

    /** The CPU time of every PostgreSQL process (the server and its backends), by process id. */
    private static Map<Long, Duration> postgres() {
        var times = new LinkedHashMap<Long, Duration>();
        ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.endsWith("/postgres"))
                        .orElse(false))
                .forEach(process -> times.put(process.pid(), cpu(process)));
        return times;
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
            var share = (cpu(entry.getValue()).toNanos()
                            - before.get(entry.getKey()).toNanos())
                    / wallNanos;
            used += share;
            line.append(String.format(Locale.ROOT, "%s=%.0f%% ", entry.getKey(), 100 * share));
        }
        var postgresNanos = 0L;
        for (var entry : postgres().entrySet()) {
            postgresNanos += entry.getValue().toNanos()
                    - postgresBefore.getOrDefault(entry.getKey(), Duration.ZERO).toNanos();
        }
        var postgres = postgresNanos / wallNanos;
        used += postgres;
        line.append(String.format(Locale.ROOT, "postgres=%.0f%% ", 100 * postgres));
        return line.append(String.format(Locale.ROOT, "rest=%.0f%%", 100 * Math.max(0, 1 - used)))
                .toString();
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
