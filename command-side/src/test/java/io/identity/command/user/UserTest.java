package io.identity.command.user;

import io.identity.events.user.UserRegistered;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registrationRecordsTheHashNeverThePassword() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ADA, "ada", "Ada@Example.com", "$2a$12$hash", "Ada", "PASSWORD"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(ADA, "ada", "Ada@Example.com", "$2a$12$hash", "Ada", "PASSWORD", NOW));
    }
}
