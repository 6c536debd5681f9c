package io.identity.query.admin;

import io.identity.query.consistency.ProcessorLag;
import io.identity.query.consistency.ProjectionProgress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
    public record Status(String projection, long position, long head, long eventsBehind, Double eventsPerSecond,
                         Double etaSeconds) {
    }

    private record Sample(long position, long atMillis) {
    }

    private final ProjectionProgress projections;
    private final ProcessorLag lag;
    private final Clock clock;
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();

    public ProjectionStatus(ProjectionProgress projections, ProcessorLag lag, Clock clock) {
        this.projections = projections;
        this.lag = lag;
        this.clock = clock;
    }

    /** Samples every projection's position, so that the rate covers the last interval. */
    @Scheduled(fixedDelayString = "${identity.projections.sample-interval:5s}")
    public void sample() {
        var now = clock.millis();
        for (var projection : projections.projections()) {
            var position = lag.progress(projection).position();
            var before = previous.put(projection, new Sample(position, now));
            if (before != null && now > before.atMillis()) {
                rates.put(projection, (position - before.position()) * 1000.0 / (now - before.atMillis()));
            }
        }
    }

    public List<Status> all() {
        return new TreeSet<>(projections.projections()).stream().map(projection -> {
            var progress = lag.progress(projection);
            var behind = progress.head() - progress.position();
            var rate = rates.get(projection);
            Double eta = behind == 0 ? Double.valueOf(0) : rate == null || rate <= 0 ? null : behind / rate;
            return new Status(projection, progress.position(), progress.head(), behind, rate, eta);
        }).toList();
    }
}
