package io.identity.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.support.db.DatabaseSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event whose transaction takes its global index first but commits after later events must still reach the
 * projections: the gap it leaves is remembered until it is filled (ZITADEL once lost rows to exactly this).
 */
class LateCommitTest extends QuerySideTest {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DatabaseSettings properties;

    private UserRegistered user(String name) {
        var id = UUID.randomUUID();
        return new UserRegistered(
                id, name, name + "@example.com", "$2a$04$hash", name, RegistrationMethod.PASSWORD, Instant.now());
    }

    @Test
    void anEventCommittedAfterLaterOnesIsNotSkipped() throws Exception {
        var suffix = UUID.randomUUID().toString().substring(0, 6);
        var slow = user("slow-" + suffix);
        var appended = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var failure = new AtomicReference<Throwable>();
        var writer = new Thread(() -> {
            try {
                transactions.executeWithoutResult(status -> {
                    append("User", slow.userId(), 0, slow);
                    appended.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
                appended.countDown();
            }
        });
        writer.start();
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        var slowIndex = jdbc.queryForObject("SELECT last_value FROM domain_event_entry_global_index_seq", Long.class);

        var fast = user("fast-" + suffix);
        append("User", fast.userId(), 0, fast);
        await(
                "the later event is projected while the earlier one is still open",
                () -> count("SELECT count(*) FROM users WHERE user_id = ?", fast.userId()) == 1);
        assertThat(jdbc.queryForObject(
                        "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        fast.userId().toString()))
                .isGreaterThan(slowIndex);
        assertThat(count("SELECT count(*) FROM users WHERE user_id = ?", slow.userId()))
                .isZero();
        Thread.sleep(1500);

        release.countDown();
        writer.join(10_000);
        assertThat(failure.get()).isNull();
        await(
                "the late event is projected too",
                () -> count("SELECT count(*) FROM users WHERE user_id = ?", slow.userId()) == 1);
        // recorded at its own position, not at the highest one the stream had seen when it came
        var slowPosition = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry " + "WHERE aggregate_identifier = ?",
                Long.class,
                slow.userId().toString());
        await(
                "the late event is audited at its own position",
                () -> count(
                                "SELECT count(*) FROM audit_events "
                                        + "WHERE position = ? AND type = 'UserRegistered' AND aggregate_id = ?",
                                slowPosition,
                                slow.userId().toString())
                        == 1);
        await("and chained", () -> count("SELECT count(*) FROM audit_chain WHERE position = ?", slowPosition) == 1);
    }

    /** What makes the guarantee hold: no transaction can stay open as long as a gap is waited for. */
    @Test
    void transactionsAreBoundedWellBelowTheGapTimeout() {
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class))
                .isEqualTo("30s");
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("30s");
        assertThat(properties.gapTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
