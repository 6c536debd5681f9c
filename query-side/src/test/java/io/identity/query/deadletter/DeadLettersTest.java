package io.identity.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection handler that throws for one event: the event is set aside with its cause, the same aggregate's
 * later events queue behind it, every other aggregate goes on; once the cause is fixed, a retry applies them in
 * order and the queue is empty.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLettersTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:15:30Z");

    @Autowired
    private DeadLetters deadLetters;

    @Autowired
    private TransactionTemplate transactions;

    private static UUID sameSegment(UUID other) {
        var segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, 3);
        var segment = segments.stream()
                .filter(s -> s.matches(other.toString()))
                .findFirst()
                .orElseThrow();
        while (true) {
            var candidate = UUID.randomUUID();
            if (segment.matches(candidate.toString())) {
                return candidate;
            }
        }
    }

    /**
     * An erasure does not wait behind a letter of the person's: their profile is gone at once, while the letter and
     * the erasure queued behind it stay for an operator, in order.
     */
    @Test
    void anErasureIsAppliedAtOnceEvenBehindALetterOfThePerson() {
        var user = UUID.randomUUID();
        append(
                "User",
                user,
                0,
                new UserRegistered(
                        user,
                        "er" + user.toString().substring(0, 8),
                        "e@example.com",
                        null,
                        "E",
                        RegistrationMethod.PASSWORD,
                        AT));
        await(
                "the person is in the users model",
                () -> count("SELECT count(*) FROM users WHERE user_id = ?", user) == 1);
        var poison = "poison " + user;
        // a constraint only this test's update breaks, dropped afterwards: a later replay applies it
        jdbc.execute("ALTER TABLE users ADD CONSTRAINT no_poison CHECK (bio IS DISTINCT FROM '" + poison + "')");
        try {
            append("User", user, 1, new ProfileUpdated(user, Map.of("bio", poison), AT));
            await(
                    "the update is set aside",
                    () -> count(
                                    "SELECT count(*) FROM deadletterentry WHERE "
                                            + "processinggroup = 'users' AND aggregateidentifier = ?",
                                    user.toString())
                            == 1);
            append("User", user, 2, new UserErased(user, AT));
            await(
                    "the person is gone from the users model",
                    () -> count("SELECT count(*) FROM users " + "WHERE user_id = ?", user) == 0);
            await(
                    "the erasure is queued behind the letter too, in order",
                    () -> count(
                                    "SELECT count(*) FROM "
                                            + "deadletterentry WHERE processinggroup = 'users' AND aggregateidentifier = ?",
                                    user.toString())
                            == 2);
        } finally {
            jdbc.execute("ALTER TABLE users DROP CONSTRAINT no_poison");
            jdbc.update("DELETE FROM deadletterentry WHERE aggregateidentifier = ?", user.toString());
        }
    }

    @Test
    void aFailingEventIsSetAsideTheRestGoesOnAndARetryAppliesItInOrder(CapturedOutput output) {
        var poisoned = UUID.randomUUID();
        // in the same segment, so that both are likely in one batch, one transaction
        var healthy = sameSegment(poisoned);
        // the read model's username column is narrower than this: its insert fails
        var tooLong = "u" + "x".repeat(39);
        // one transaction, so that the three reach the projection in one batch
        transactions.executeWithoutResult(status -> {
            append(
                    "User",
                    poisoned,
                    0,
                    new UserRegistered(poisoned, tooLong, "p@example.com", null, "P", RegistrationMethod.PASSWORD, AT));
            append(
                    "User",
                    healthy,
                    0,
                    new UserRegistered(
                            healthy,
                            "healthy" + healthy.toString().substring(0, 8),
                            "h@example.com",
                            null,
                            "H",
                            RegistrationMethod.PASSWORD,
                            AT));
            append("User", poisoned, 1, new ProfileUpdated(poisoned, Map.of("bio", "after the failure"), AT));
        });
        try {
            await(
                    "the healthy user is projected",
                    () -> count("SELECT count(*) FROM users WHERE user_id = ?", healthy) == 1);
            await(
                    "the poisoned user's events are set aside",
                    () -> count(
                                    "SELECT count(*) FROM deadletterentry WHERE processinggroup = 'users' "
                                            + "AND aggregateidentifier = ?",
                                    poisoned.toString())
                            == 2);
            assertThat(count("SELECT count(*) FROM users WHERE user_id = ?", poisoned))
                    .isZero();
            var letters = deadLetters.list().stream()
                    .filter(l -> poisoned.toString().equals(l.aggregateId()))
                    .toList();
            assertThat(letters).extracting(DeadLetters.Letter::sequenceNumber).containsExactly(0L, 1L);
            assertThat(letters.get(0).causeType()).isNotBlank();
            assertThat(letters.get(0).payloadType()).endsWith("UserRegistered");
            assertThat(output.getAll())
                    .as("said in the log, without the event's data")
                    .contains("Projection users set event " + letters.get(0).eventId() + " (UserRegistered) aside: ")
                    .doesNotContain(tooLong);

            assertThat(deadLetters.retry("users").orElseThrow().remaining())
                    .as("the cause is still there")
                    .isEqualTo(2);

            jdbc.execute("ALTER TABLE users ALTER COLUMN username TYPE VARCHAR(64)");
            var retried = deadLetters.retry("users").orElseThrow();
            assertThat(retried.processed()).isPositive();
            assertThat(retried.remaining()).isZero();
            assertThat(jdbc.queryForObject("SELECT bio FROM users WHERE user_id = ?", String.class, poisoned))
                    .as("applied in order")
                    .isEqualTo("after the failure");
            assertThat(deadLetters.retry("nothing")).isEmpty();
        } finally {
            jdbc.update("DELETE FROM users WHERE user_id = ?", poisoned);
            jdbc.execute("ALTER TABLE users ALTER COLUMN username TYPE VARCHAR(32)");
        }
    }
}
