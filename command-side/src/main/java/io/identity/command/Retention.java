package io.identity.command;

import io.identity.support.privacy.PersonalDataKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What is kept only for a while: the day keys that seal where requests about nobody known came from are deleted
 * after {@code identity.privacy.anonymous-retention} (30 days). Safe on any number of instances at once.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final PersonalDataKeys keys;
    private final Clock clock;
    private final Duration anonymousRetention;

    Retention(PersonalDataKeys keys, Clock clock,
              @Value("${identity.privacy.anonymous-retention:30d}") Duration anonymousRetention) {
        this.keys = keys;
        this.clock = clock;
        this.anonymousRetention = anonymousRetention;
    }

    @Scheduled(fixedDelayString = "${identity.privacy.retention-check-interval:1h}", initialDelayString = "PT1M")
    void purge() {
        // a day's key goes once the whole day is older than the retention
        var firstKept = LocalDate.ofInstant(clock.instant().minus(anonymousRetention), ZoneOffset.UTC);
        var purged = keys.purgeAnonymous(firstKept);
        if (purged > 0) {
            log.info("Deleted {} anonymous data keys of days before {}", purged, firstKept);
        }
    }
}
