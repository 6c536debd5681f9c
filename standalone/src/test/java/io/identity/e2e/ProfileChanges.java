package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.support.test.Eventually;
import io.identity.support.test.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of the fault tests: each user changes their bio again and again through one instance, and what the
 * instance acknowledged is noted; afterwards, what the store holds is read back from the user's export.
 */
final class ProfileChanges {

    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong lastSuccess = new AtomicLong();
    private final ExecutorService pool;

    private ProfileChanges(Http instance, List<String> bearers, long pauseMillis) {
        pool = Executors.newFixedThreadPool(bearers.size());
        for (var bearer : bearers) {
            acknowledged.put(bearer, ConcurrentHashMap.newKeySet());
            pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    var bio = "change " + i;
                    try {
                        if (instance.patch("/api/v1/users/me/profile", Map.of("bio", bio), "Authorization", bearer)
                                        .status()
                                == 204) {
                            acknowledged.get(bearer).add(bio);
                            lastSuccess.set(System.nanoTime());
                        }
                    } catch (RuntimeException unknownOutcome) {
                        // a lost connection or a timeout: this change may or may not be stored, but only once
                    }
                    if (pauseMillis > 0) {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
    }

    /** Starts one thread per user (bearer header value), changing that user's bio through {@code instance}. */
    static ProfileChanges start(Http instance, List<String> bearers) {
        return new ProfileChanges(instance, bearers, 0);
    }

    /** The same at a bounded rate: each thread pauses between changes. */
    static ProfileChanges start(Http instance, List<String> bearers, long pauseMillis) {
        return new ProfileChanges(instance, bearers, pauseMillis);
    }

    int acknowledgedCount() {
        return acknowledged.values().stream().mapToInt(Set::size).sum();
    }

    Set<String> acknowledged(String bearer) {
        return acknowledged.get(bearer);
    }

    /** {@link System#nanoTime()} of the last acknowledged change, 0 before the first. */
    long lastSuccess() {
        return lastSuccess.get();
    }

    void stop() throws InterruptedException {
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** The values of one profile field in the user's stored {@code ProfileUpdated} events, in order. */
    static List<String> stored(RunningSystem system, String bearer, String field, String minPosition) {
        // a projection still catching up (just rebuilt, say) answers 503 projection_lagging: asked again, as a
        // client told to retry would
        var answer = new Http.Response[1];
        assertThat(Eventually.within(Duration.ofSeconds(30), () -> {
                    answer[0] = system.query.get(
                            "/api/v1/users/me/export", "Authorization", bearer, "X-Min-Position", minPosition);
                    return answer[0].status() != 503;
                }))
                .as("the export, once the projections reached %s", minPosition)
                .isTrue();
        assertThat(answer[0].status()).as(answer[0].body()).isEqualTo(200);
        var export = answer[0].json();
        var values = new ArrayList<String>();
        export.path("history").forEach(item -> {
            if ("ProfileUpdated".equals(item.path("type").asString())) {
                values.add(item.path("data").path("changed").path(field).asString());
            }
        });
        return values;
    }
}
