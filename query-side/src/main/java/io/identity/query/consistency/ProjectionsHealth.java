package io.identity.query.consistency;

import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness of the query side: an instance whose read models are far behind the event store (a rebuild, a long
 * outage) would answer with stale data or make every read-your-writes request wait, so it leaves the load
 * balancer's rotation until the projections are within {@code maxLag} events of the head. Each projection's lag
 * is in the details. The figure comes from the shared token store: it is the whole deployment's, so all
 * instances agree.
 */
class ProjectionsHealth implements HealthIndicator {

    private final ProjectionProgress progress;
    private final ProcessorLag lag;
    private final long maxLag;

    ProjectionsHealth(ProjectionProgress progress, ProcessorLag lag, long maxLag) {
        this.progress = progress;
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        var behind = new TreeMap<String, Long>();
        for (var projection : progress.projections()) {
            behind.put(projection, lag.eventsBehind(projection));
        }
        var worst = behind.values().stream().mapToLong(Long::longValue).max().orElse(0);
        var health = worst > maxLag ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        return health.withDetail("maxLag", maxLag)
                .withDetail("eventsBehind", behind)
                .build();
    }
}
