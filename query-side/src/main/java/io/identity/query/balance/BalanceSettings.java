package io.identity.query.balance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the query-side instances share the projections' segments ({@code identity.projections.*}).
 *
 * @param heartbeatInterval how often an instance writes its heartbeat and reads who else is live (default 1 s)
 * @param liveTimeout       an instance whose heartbeat is older than this is gone: its claims are released and the
 *                          live instances take its segments over (default 5 s); at least twice the heartbeat
 *                          interval, so that one late heartbeat does not cost an instance its segments
 * @param claimInterval     how often each processor checks its share, releasing what is above it and claiming
 *                          free segments up to it (default 1 s; Axon's token claim interval)
 * @param claimExtension    how long a segment without events of its own goes before its claim is extended (its
 *                          token stored again); default 1 s
 */
@ConfigurationProperties("identity.projections")
record BalanceSettings(
        Duration heartbeatInterval, Duration liveTimeout, Duration claimInterval, Duration claimExtension) {

    BalanceSettings {
        heartbeatInterval = heartbeatInterval != null ? heartbeatInterval : Duration.ofSeconds(1);
        liveTimeout = liveTimeout != null ? liveTimeout : Duration.ofSeconds(5);
        claimInterval = claimInterval != null ? claimInterval : Duration.ofSeconds(1);
        claimExtension = claimExtension != null ? claimExtension : Duration.ofSeconds(1);
        if (liveTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("identity.projections.live-timeout (" + liveTimeout
                    + ") must be at least twice identity.projections.heartbeat-interval (" + heartbeatInterval + ")");
        }
    }
}
