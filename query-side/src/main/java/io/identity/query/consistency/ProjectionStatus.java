package io.identity.query.consistency;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Where each projection of this instance's schema is, for operators watching a rebuild: its position, the
 * store's head, how many events it is behind, how fast it has been moving (over the last samples, taken every
 * few seconds) and, from that, when it should be at the head.
 */
public class ProjectionStatus {

    /** One projection's progress; {@code eventsPerSecond} and {@code etaSeconds} are null until measured. */
    public record Status(
            String projection,
            long position,
            long head,
            long eventsBehind,
            Double eventsPerSecond,
            Double etaSeconds) {}

    private record Sample(long position, long atMillis) {}

    private final ProjectionProgress projections;
    private final ProcessorLag lag;
    private final Clock clock;
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    ProjectionStatus(ProjectionProgress projections, ProcessorLag lag, Clock clock) {
        this.projections = projections;
        this.lag = lag;
        this.clock = clock;
    }

    /** Samples every projection's position, so that the rate covers the last interval. */
    @Scheduled(fixedDelayString = "${identity.projections.sample-interval:5s}")
    void sample() {
        var now = clock.millis();
        for (var projection : processors()) {
            var position = lag.progress(projection).position();
            var before = previous.put(projection, new Sample(position, now));
            if (before != null && now > before.atMillis()) {
                rates.put(projection, (position - before.position()) * 1000.0 / (now - before.atMillis()));
            }
        }
    }

    /** Every projection's status, by name. */
    public List<Status> all() {
        return new TreeSet<>(projections.projections()).stream().map(this::of).toList();
    }

    /** One processor's status: a projection's, or another processor's this instance watches. */
    public Status of(String processor) {
        var progress = lag.progress(processor);
        var behind = progress.head() - progress.position();
        var rate = rates.get(processor);
        Double eta = behind == 0 ? Double.valueOf(0) : rate == null || rate <= 0 ? null : behind / rate;
        return new Status(processor, progress.position(), progress.head(), behind, rate, eta);
    }

    /** How many events a processor is behind the head of the store. */
    public long lag(String processor) {
        return lag.eventsBehind(processor);
    }

    /** {@code identity_projection_lag_events{processor}}: how far a processor is behind the event store. */
    public Gauge lagGauge(String processor, MeterRegistry registry) {
        return Gauge.builder("identity.projection.lag", () -> lag(processor))
                .tag("processor", processor)
                .baseUnit("events")
                .description("events of the store the projection has not processed yet")
                .register(registry);
    }

    /** Its events per second over the last interval, or -1 until measured. */
    public double rate(String processor) {
        return rates.getOrDefault(processor, -1.0);
    }

    /** Samples a processor besides the projections (a rebuild's), from now on. */
    public void watch(String processor) {
        watched.add(processor);
    }

    public void forget(String processor) {
        watched.remove(processor);
        previous.remove(processor);
        rates.remove(processor);
    }

    private Set<String> processors() {
        var all = new TreeSet<>(projections.projections());
        all.addAll(watched);
        return all;
    }
}
