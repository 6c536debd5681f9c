package io.identity.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.query.QuerySideTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * Where a request came from is kept for {@code identity.privacy.ip-retention} (90 days): an older event is
 * projected without it, and the rows written earlier lose it when the job runs past their time.
 */
class IpRetentionTest extends QuerySideTest {

    @Test
    void addressesOlderThanTheRetentionAreNeitherWrittenNorKept() {
        var user = UUID.randomUUID();
        var recent = UUID.randomUUID();
        var old = UUID.randomUUID();
        var now = Instant.now();
        started(recent, user, now);
        started(old, user, now.minus(Duration.ofDays(91)));
        await(
                "both sessions are in the read models",
                () -> count("SELECT count(*) FROM sessions WHERE user_id = ?", user) == 2
                        && count(
                                        "SELECT count(*) FROM audit_events WHERE aggregate_id IN (?, ?)",
                                        recent.toString(),
                                        old.toString())
                                == 2);

        assertThat(addresses("sessions", "session_id", recent)).isEqualTo("203.0.113.7 test-agent");
        assertThat(addresses("audit_events", "aggregate_id::uuid", recent)).isEqualTo("203.0.113.7 test-agent");
        assertThat(addresses("sessions", "session_id", old))
                .as("recorded 91 days ago")
                .isEqualTo("null null");
        assertThat(addresses("audit_events", "aggregate_id::uuid", old)).isEqualTo("null null");

        new IpRetention(jdbc, Clock.fixed(now.plus(Duration.ofDays(89)), ZoneOffset.UTC), Duration.ofDays(90)).purge();
        assertThat(addresses("sessions", "session_id", recent))
                .as("within its time")
                .isEqualTo("203.0.113.7 test-agent");
        new IpRetention(jdbc, Clock.fixed(now.plus(Duration.ofDays(91)), ZoneOffset.UTC), Duration.ofDays(90)).purge();
        assertThat(addresses("sessions", "session_id", recent))
                .as("past its time")
                .isEqualTo("null null");
        assertThat(addresses("audit_events", "aggregate_id::uuid", recent)).isEqualTo("null null");
    }

    private void started(UUID session, UUID user, Instant at) {
        eventStore.publish(new GenericDomainEventMessage<>(
                "Session",
                session.toString(),
                0,
                new SessionStarted(session, user, SignInMethod.PASSWORD, at, at.plus(Duration.ofDays(30))),
                MetaData.from(Map.of("ip", "203.0.113.7", "userAgent", "test-agent", "correlationId", "c-1")),
                UUID.randomUUID().toString(),
                at));
    }

    private String addresses(String table, String key, UUID id) {
        return jdbc.queryForObject(
                "SELECT coalesce(ip, 'null') || ' ' || coalesce(user_agent, 'null') FROM " + table + " WHERE " + key
                        + " = ?",
                String.class,
                id);
    }
}
