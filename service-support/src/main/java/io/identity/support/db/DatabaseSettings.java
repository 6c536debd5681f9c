package io.identity.support.db;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a side keeps its tables and how the event store is read.
 *
 * @param schema       the side's own schema (its tables, token store); the event store lives in {@code events}
 * @param migrations   the Flyway location of the side's migrations
 * @param fetchDelay   how long a processor at the head of the stream waits before polling the store again
 * @param gapTimeout   how long a tracking token waits for a missing global index to be filled; every
 *                     transaction that appends events is bounded well below it (statement and idle timeouts)
 * @param maxGapOffset how far behind the head a gap is still tracked; above the most events in flight at once
 * @param tokenClaimTimeout how long a processor segment's claim holds without being extended: after it, another
 *                          instance takes the segment over
 * @param nodeId            the name this instance's claims carry in the token store; unique per instance (by
 *                          default the process's name and a random suffix, so that two instances in one JVM do not
 *                          take each other's claims for their own)
 */
@ConfigurationProperties("identity.db")
public record DatabaseSettings(
        String schema,
        String migrations,
        Duration fetchDelay,
        Duration gapTimeout,
        Integer maxGapOffset,
        Duration tokenClaimTimeout,
        String nodeId) {

    public DatabaseSettings {
        fetchDelay = fetchDelay != null ? fetchDelay : Duration.ofMillis(50);
        gapTimeout = gapTimeout != null ? gapTimeout : Duration.ofSeconds(60);
        maxGapOffset = maxGapOffset != null ? maxGapOffset : 10_000;
        tokenClaimTimeout = tokenClaimTimeout != null ? tokenClaimTimeout : Duration.ofSeconds(10);
        nodeId = nodeId != null && !nodeId.isBlank()
                ? nodeId
                : ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + UUID.randomUUID().toString().substring(0, 8);
    }
}
