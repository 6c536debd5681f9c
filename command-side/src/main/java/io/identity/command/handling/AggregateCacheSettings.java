package io.identity.command.handling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users and companies kept in memory between commands ({@code identity.aggregate-cache.*}).
 *
 * @param size     how many at most (default 10,000; 0 keeps none)
 * @param lifetime how long one is kept after its last use (default 30 s)
 */
@ConfigurationProperties("identity.aggregate-cache")
record AggregateCacheSettings(Integer size, Duration lifetime) {

    AggregateCacheSettings {
        size = size != null ? size : 10_000;
        lifetime = lifetime != null ? lifetime : Duration.ofSeconds(30);
    }
}
