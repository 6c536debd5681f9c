package io.identity.command;

import io.identity.command.mail.Outbox;
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
 * after {@code identity.privacy.anonymous-retention} (30 days), and the mails done with after
 * {@code identity.mail.retention} (30 days). Safe on any number of instances at once.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final PersonalDataKeys keys;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration anonymousRetention;
    private final Duration mailRetention;

    Retention(PersonalDataKeys keys, Outbox outbox, Clock clock,
              @Value("${identity.privacy.anonymous-retention:30d}") Duration anonymousRetention,
              @Value("${identity.mail.retention:30d}") Duration mailRetention) {
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
        this.anonymousRetention = anonymousRetention;
        this.mailRetention = mailRetention;
    }

    @Scheduled(fixedDelayString = "${identity.privacy.retention-check-interval:1h}", initialDelayString = "PT1M")
    void purge() {
        // a day's key goes once the whole day is older than the retention
        var firstKept = LocalDate.ofInstant(clock.instant().minus(anonymousRetention), ZoneOffset.UTC);
        var purged = keys.purgeAnonymous(firstKept);
        var mails = outbox.purgeDone(mailRetention);
        if (purged + mails > 0) {
            log.info("Deleted {} anonymous data keys of days before {} and {} mails done with over {} ago", purged,
                    firstKept, mails, mailRetention);
        }
    }
}
