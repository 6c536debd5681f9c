package io.identity.query.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Blue/green rebuilds of the read models ({@code identity.rebuild.*}). How often each instance checks the rebuilds,
 * {@code identity.rebuild.check-interval} (default 1 s), is read by the schedule of {@link Rebuilds#refresh()}.
 *
 * @param batchSize events per batch of a rebuild's processor (default 100)
 * @param switchLag a rebuild is switched in once it is within this many events of the store's head (default 100)
 */
@ConfigurationProperties("identity.rebuild")
record RebuildSettings(Integer batchSize, Long switchLag) {

    RebuildSettings {
        batchSize = batchSize != null ? batchSize : 100;
        switchLag = switchLag != null ? switchLag : 100L;
    }
}
