package io.identity.query.balance;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The distribution of the segments, for operators ({@code /actuator/health}, component {@code segments}): the live
 * instances as this one last read them, this instance's name, and the owner of each processor's segments (null while
 * a segment is free). Always up: it shows, it judges nothing; readiness does not include it.
 */
final class SegmentsHealth implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final LiveInstances instances;

    SegmentsHealth(JdbcTemplate jdbc, LiveInstances instances) {
        this.jdbc = jdbc;
        this.instances = instances;
    }

    @Override
    public Health health() {
        var owners = new TreeMap<String, Map<Integer, String>>();
        jdbc.query("SELECT processor_name, segment, owner FROM token_entry", (RowCallbackHandler)
                row -> owners.computeIfAbsent(row.getString("processor_name"), p -> new TreeMap<>())
                        .put(row.getInt("segment"), row.getString("owner")));
        return Health.up()
                .withDetail("self", instances.self())
                .withDetail("live", instances.view().live())
                .withDetail("owners", owners)
                .build();
    }
}
