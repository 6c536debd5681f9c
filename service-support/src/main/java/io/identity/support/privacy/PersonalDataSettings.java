package io.identity.support.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption of personal data in events ({@code identity.personal-data.*}).
 *
 * @param masterKey         seals the per-person data keys; the same on every instance of both sides, never lost
 * @param keyCacheLifetime  how long an instance keeps a data key in memory: after an erasure, other instances
 *                          may read the person's data for at most this long (default 30 s)
 * @param readsKept         how many events' payloads and metadata, as read, an instance keeps for its other
 *                          processors reading the same events (default 0: none; the query side keeps 8192)
 */
@ConfigurationProperties("identity.personal-data")
public record PersonalDataSettings(String masterKey, Duration keyCacheLifetime, Integer readsKept) {

    public PersonalDataSettings {
        keyCacheLifetime = keyCacheLifetime != null ? keyCacheLifetime : Duration.ofSeconds(30);
        readsKept = readsKept != null ? readsKept : 0;
    }

    @Override
    public String toString() {
        return "PersonalDataSettings[keyCacheLifetime=" + keyCacheLifetime + ", readsKept=" + readsKept + "]";
    }
}
