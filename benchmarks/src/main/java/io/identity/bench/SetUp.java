package io.identity.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the benchmarks need around what they measure: free ports, checks of their set-up, threads that end with them. */
final class SetUp {

    private SetUp() {}

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("set-up failed: " + what);
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A pool whose threads do not keep the benchmark's JVM alive once it has printed its figures. */
    static ExecutorService daemonPool(int threads) {
        return Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
    }
}
