package io.identity.query.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Readiness of a query-side instance ({@code identity.readiness.*}).
 *
 * @param maxProjectionLag the instance is not ready while a projection is more than this many events behind the
 *                         store (default 10000)
 */
@ConfigurationProperties("identity.readiness")
record ReadinessSettings(Long maxProjectionLag) {

    ReadinessSettings {
        maxProjectionLag = maxProjectionLag != null ? maxProjectionLag : 10_000L;
    }
}
