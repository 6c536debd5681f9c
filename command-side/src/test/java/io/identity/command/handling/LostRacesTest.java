package io.identity.command.handling;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

/** Which failures are a lost race, to be run again, and which are not. */
class LostRacesTest {

    @Test
    void aTakenSequenceNumberOrADeadlockBetweenTwoChangesIsALostRace() {
        var taken = new SQLException(
                "duplicate key value violates unique constraint " + "\"domain_event_entry_aggregate_sequence\"",
                "23505");
        assertThat(Commands.lostRace(new EventStoreException("append failed", taken)))
                .isTrue();
        // two changes of an invitation and its company, taken in different orders, on two instances
        assertThat(Commands.lostRace(new IllegalStateException(new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        // and on one instance, between the aggregates' locks
        assertThat(Commands.lostRace(new DeadlockException("lock cycle"))).isTrue();
    }

    @Test
    void anotherConstraintOrFailureIsNot() {
        assertThat(Commands.lostRace(new SQLException(
                        "duplicate key value violates unique constraint " + "\"accounts_email_key\"", "23505")))
                .isFalse();
        assertThat(Commands.lostRace(new SQLException("canceling statement due to statement timeout", "57014")))
                .isFalse();
        assertThat(Commands.lostRace(new IllegalStateException("boom"))).isFalse();
    }
}
