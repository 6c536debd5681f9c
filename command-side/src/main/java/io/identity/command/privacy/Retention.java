package io.identity.command.privacy;

import io.identity.command.handling.CheckedAggregateCache;
import io.identity.command.invitation.InvitationLookup;
import io.identity.command.invitation.InvitationShredder;
import io.identity.command.mail.Outbox;
import io.identity.support.privacy.PersonalDataKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What is kept only for a while: the day keys that seal where requests about nobody known came from go after
 * {@code identity.privacy.anonymous-retention} (30 days); the mails done with after {@code identity.mail.retention}
 * (30 days); an invitation's key (its address) and its mails {@code identity.privacy.invitation-retention} (90 days)
 * after it ended. Safe on any number of instances at once.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int INVITATIONS_AT_ONCE = 500;

    private final PersonalDataKeys keys;
    private final Outbox outbox;
    private final InvitationLookup invitations;
    private final InvitationShredder shredder;
    private final CheckedAggregateCache aggregates;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration anonymousRetention;
    private final Duration invitationRetention;

    Retention(
            PersonalDataKeys keys,
            Outbox outbox,
            InvitationLookup invitations,
            InvitationShredder shredder,
            CheckedAggregateCache aggregates,
            TransactionTemplate transactions,
            Clock clock,
            PrivacySettings settings) {
        this.keys = keys;
        this.outbox = outbox;
        this.invitations = invitations;
        this.shredder = shredder;
        this.aggregates = aggregates;
        this.transactions = transactions;
        this.clock = clock;
        this.anonymousRetention = settings.anonymousRetention();
        this.invitationRetention = settings.invitationRetention();
    }

    @Scheduled(fixedDelayString = "${identity.privacy.retention-check-interval:1h}", initialDelayString = "PT1M")
    public void purge() {
        // a day's key goes once the whole day is older than the retention
        var firstKept = LocalDate.ofInstant(clock.instant().minus(anonymousRetention), ZoneOffset.UTC);
        var purged = keys.purgeAnonymous(firstKept);
        var mails = outbox.purgeDone();
        int shredded = 0;
        int batch;
        do {
            batch = shredInvitations();
            shredded += batch;
        } while (batch == INVITATIONS_AT_ONCE);
        if (shredded > 0) {
            // a kept Company holds its invitations' addresses in clear
            aggregates.removeAll();
        }
        if (purged + mails + shredded > 0) {
            log.info(
                    "Deleted {} anonymous data keys of days before {}, {} mails past their retention, and the keys "
                            + "of {} invitations ended over {} ago",
                    purged,
                    firstKept,
                    mails,
                    shredded,
                    invitationRetention);
        }
    }

    private int shredInvitations() {
        Integer shredded = transactions.execute(status -> {
            var ended = invitations.claimToShred(invitationRetention, INVITATIONS_AT_ONCE);
            shredder.shred(ended);
            return ended.size();
        });
        return shredded == null ? 0 : shredded;
    }
}
