package io.identity.query.rebuild;

import io.identity.query.consistency.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the rebuilds this instance runs have come, where operators look: in the projections' status, and as the
 * metrics {@code identity_projection_lag_events} and {@code identity_projection_rate_events_per_second} of each
 * rebuild's processor.
 */
final class RebuildProgress {

    private final ProjectionStatus status;
    private final MeterRegistry meters;
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();

    RebuildProgress(ProjectionStatus status, MeterRegistry meters) {
        this.status = status;
        this.meters = meters;
    }

    /** From now on, a rebuild's processor is sampled and its metrics are shown. */
    void watch(String processor) {
        status.watch(processor);
        gauges.put(
                processor,
                List.of(
                        status.lagGauge(processor, meters),
                        Gauge.builder("identity.projection.rate", () -> status.rate(processor))
                                .tag("processor", processor)
                                .baseUnit("events per second")
                                .description("how fast the projection has been going")
                                .register(meters)));
    }

    void forget(String processor) {
        status.forget(processor);
        gauges.getOrDefault(processor, List.of()).forEach(meters::remove);
        gauges.remove(processor);
    }

    /** How many events the processor is behind the head of the store. */
    long lag(String processor) {
        return status.lag(processor);
    }
}
