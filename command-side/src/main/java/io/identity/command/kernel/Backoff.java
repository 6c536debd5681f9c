package io.identity.command.kernel;

import java.time.Duration;

/** The wait before trying again what failed: the first wait, doubling with each failure, never above a longest. */
public final class Backoff {

    private Backoff() {}

    /** The wait after {@code failedAttempts} failures: {@code initial} doubling, at most {@code max}. */
    public static Duration doubling(Duration initial, Duration max, int failedAttempts) {
        var doublings = Math.max(0, failedAttempts - 1);
        if (doublings >= 30) {
            return max;
        }
        var wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
