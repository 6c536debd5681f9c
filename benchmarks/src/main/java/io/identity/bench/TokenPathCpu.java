package io.identity.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The CPU time of one call of each {@link TokenPathBenchmark} method, on the calling thread: on a machine that
 * runs other work beside it, a throughput says as much about the neighbours as about the code, while the thread's
 * own CPU time barely moves. Warm-up first, then {@code rounds} (default 5) measured rounds; prints the median
 * and the spread. Run with {@code benchmarks/run.sh token-cpu [rounds]}.
 */
public final class TokenPathCpu {

    private static volatile Object sink;

    private TokenPathCpu() {}

    public static void main(String[] args) throws Exception {
        var rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        var benchmark = new TokenPathBenchmark();
        benchmark.setUp();
        measure("issueAccessToken", benchmark::issueAccessToken, 3_000, 1_500, rounds);
        measure("verifyAccessTokenInFull", benchmark::verifyAccessTokenInFull, 60_000, 30_000, rounds);
        measure("verifyAccessToken", benchmark::verifyAccessToken, 5_000_000, 5_000_000, rounds);
        measure("newRefreshTokenAndHash", benchmark::newRefreshTokenAndHash, 1_000_000, 1_000_000, rounds);
    }

    private static void measure(String name, Supplier<?> operation, int warmUp, int calls, int rounds) {
        var threads = ManagementFactory.getThreadMXBean();
        for (var i = 0; i < warmUp; i++) {
            sink = operation.get();
        }
        var nanos = new double[rounds];
        for (var round = 0; round < rounds; round++) {
            var start = threads.getCurrentThreadCpuTime();
            for (var i = 0; i < calls; i++) {
                sink = operation.get();
            }
            nanos[round] = (threads.getCurrentThreadCpuTime() - start) / (double) calls;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%-24s %,12.0f ns of CPU per call   (median of %d rounds of %,d; %,.0f–%,.0f)%n",
                name, nanos[rounds / 2], rounds, calls, nanos[0], nanos[rounds - 1]);
    }
}
