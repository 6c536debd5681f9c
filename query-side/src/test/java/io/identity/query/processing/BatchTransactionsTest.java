package io.identity.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import io.identity.query.deadletter.DeadLetters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read model's processor writes each batch in one transaction: many rows share the transaction that wrote them
 * (noted by a trigger with {@code txid_current()}, the top-level transaction also inside a savepoint), where each
 * write committing by itself would give every row its own; and an event that fails in the middle of a batch is
 * undone alone and set aside, while the rest of its batch applies.
 */
class BatchTransactionsTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-12-08T01:00:00Z");
    private static final int EVENTS = 40;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aBatchCommitsOnceAndAFailingEventIsSetAsideInsideIt() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var poisoned = "poisoned" + tag;
        var users = new ArrayList<UUID>();
        // a name only this test's event carries: the users model refuses it, so that event fails mid-batch
        jdbc.execute("ALTER TABLE users ADD CONSTRAINT refuses_" + tag + " CHECK (username <> '" + poisoned + "')");
        // each row of the users model notes the transaction that wrote it (the top-level one, also in a savepoint)
        jdbc.execute("CREATE TABLE writers_" + tag + " (user_id UUID PRIMARY KEY, transaction_id BIGINT NOT NULL)");
        jdbc.execute("CREATE FUNCTION note_" + tag + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO writers_" + tag + " VALUES (NEW.user_id, txid_current()); RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER note_" + tag + " AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION note_" + tag
                + "()");
        try {
            // one transaction of the store: the processors see all of them at once, as a few batches
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < EVENTS; i++) {
                    var user = UUID.randomUUID();
                    users.add(user);
                    var name = i == EVENTS / 2 ? poisoned : "batch" + tag + i;
                    append(
                            "User",
                            user,
                            0,
                            new UserRegistered(
                                    user, name, name + "@example.com", null, name, RegistrationMethod.PASSWORD, AT));
                }
            });
            var poison = users.get(EVENTS / 2);
            await(
                    "every other event applied, the failing one set aside",
                    () -> count("SELECT count(*) FROM users WHERE username LIKE ?", "batch" + tag + "%") == EVENTS - 1
                            && count(
                                            "SELECT count(*) FROM " + DeadLetters.TABLE
                                                    + " WHERE processinggroup = 'users' AND sequenceidentifier = ?",
                                            poison.toString())
                                    == 1);

            var writers = jdbc.queryForMap(
                    "SELECT count(*) AS rows, count(DISTINCT transaction_id) AS transactions " + "FROM writers_" + tag);
            assertThat(writers.get("rows")).isEqualTo((long) EVENTS - 1);
            assertThat((long) writers.get("transactions"))
                    .as("%d rows written by a few batches' transactions, not one transaction each", EVENTS - 1)
                    .isLessThanOrEqualTo(8);
            assertThat(count("SELECT count(*) FROM users WHERE user_id = ?", poison))
                    .as("the failing event left nothing behind")
                    .isZero();
        } finally {
            jdbc.execute("DROP TRIGGER note_" + tag + " ON users");
            jdbc.execute("DROP FUNCTION note_" + tag + "()");
            jdbc.execute("DROP TABLE writers_" + tag);
            jdbc.execute("ALTER TABLE users DROP CONSTRAINT refuses_" + tag);
        }
    }
}
