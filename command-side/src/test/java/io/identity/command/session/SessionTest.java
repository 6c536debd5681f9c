package io.identity.command.session;

import io.identity.command.IdentityMatchers;
import io.identity.events.session.SessionEndReason;
import io.identity.events.session.SessionEnded;
import io.identity.events.session.SessionStarted;
import io.identity.events.session.SignInMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Instant EXPIRY = NOW.plusSeconds(30 * 24 * 3600);
    private static final UUID SESSION = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID MALLORY = UUID.fromString("00000000-0000-0000-0000-00000000000f");

    private AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private SessionStarted started() {
        return new SessionStarted(SESSION, ADA, SignInMethod.PASSWORD, NOW, EXPIRY, List.of("pwd"));
    }

    @Test
    void signingInStartsASession() {
        fixture.givenNoPriorActivity()
                .when(new StartSession(SESSION, ADA, SignInMethod.PASSWORD, EXPIRY))
                .expectEvents(started());
    }

    @Test
    void ownerEndsTheirSession() {
        fixture.given(started())
                .when(new EndSession(SESSION, ADA, SessionEndReason.LOGOUT))
                .expectEvents(new SessionEnded(SESSION, ADA, SessionEndReason.LOGOUT, NOW));
    }

    @Test
    void endingAnEndedSessionChangesNothing() {
        fixture.given(started(), new SessionEnded(SESSION, ADA, SessionEndReason.LOGOUT, NOW))
                .when(new EndSession(SESSION, ADA, SessionEndReason.REVOKED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void someoneElsesSessionIsNotFound() {
        fixture.given(started())
                .when(new EndSession(SESSION, MALLORY, SessionEndReason.REVOKED))
                .expectException(IdentityException.class)
                .expectException(IdentityMatchers.withCode(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }
}
