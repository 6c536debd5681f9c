package io.identity.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import io.identity.query.QuerySideTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log's segments move at their own pace, so an entry about a person can be written after their erasure
 * (an event of their session, in another segment than their own events). It is written as the erasure left the
 * others: without where they acted from. The events here carry the address in the clear, so only the log's own
 * memory of the erasure can keep it out.
 */
class AuditErasureTest extends QuerySideTest {

    private static final Instant AT = Instant.parse("2026-11-29T10:15:30Z");

    @Test
    void anEntryWrittenAfterThePersonsErasureKeepsNoneOfTheirAddresses() {
        var user = UUID.randomUUID();
        var name = "late" + user.toString().substring(0, 8);
        append(
                "User",
                user,
                0,
                new UserRegistered(
                        user, name, name + "@example.com", "$2a$04$hash", "Late", RegistrationMethod.PASSWORD, AT));
        append("User", user, 1, new UserErased(user, AT));
        await(
                "the erasure is in the log",
                () -> count(
                                "SELECT count(*) FROM audit_events WHERE type = 'UserErased' " + "AND aggregate_id = ?",
                                user.toString())
                        == 1);

        var session = UUID.randomUUID();
        append(
                "Session",
                session,
                0,
                new SessionStarted(session, user, SignInMethod.PASSWORD, AT, AT.plusSeconds(3600)));
        await(
                "the late entry is in the log",
                () -> count(
                                "SELECT count(*) FROM audit_events WHERE type = "
                                        + "'SessionStarted' AND aggregate_id = ?",
                                session.toString())
                        == 1);

        var late = jdbc.queryForMap(
                "SELECT ip, user_agent, user_id FROM audit_events WHERE aggregate_id = ?", session.toString());
        assertThat(late.get("user_id")).isEqualTo(user);
        assertThat(late.get("ip")).isNull();
        assertThat(late.get("user_agent")).isNull();
        var registered = jdbc.queryForObject(
                "SELECT data ->> 'email' FROM audit_events WHERE type = " + "'UserRegistered' AND aggregate_id = ?",
                String.class,
                user.toString());
        assertThat(registered).isEqualTo("[erased]");
    }
}
