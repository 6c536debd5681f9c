package io.identity.command.user;

import static io.identity.command.IdentityMatchers.withCode;

import io.identity.events.user.ExternalIdentityLinked;
import io.identity.events.user.ExternalIdentityUnlinked;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.ResetMethod;
import io.identity.events.user.UserRegistered;
import io.identity.support.problem.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ways a user signs in: one account per provider, and never none. */
class LinkedIdentitiesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static UserRegistered withPassword() {
        return new UserRegistered(
                ADA, "ada", "ada@example.com", "$2a$12$hash", "Ada", RegistrationMethod.PASSWORD, EARLIER);
    }

    private static UserRegistered throughProvider() {
        return new UserRegistered(ADA, "ada", "ada@example.com", null, "Ada", RegistrationMethod.OAUTH, EARLIER);
    }

    private static ExternalIdentityLinked linked(String provider, String subject) {
        return new ExternalIdentityLinked(ADA, provider, subject, "ada@example.com", EARLIER);
    }

    @Test
    void aProviderAccountIsLinkedOnceAndAgainChangesNothing() {
        fixture.given(withPassword())
                .when(new LinkExternalIdentity(ADA, "google", "g-1", "ada@example.com"))
                .expectEvents(new ExternalIdentityLinked(ADA, "google", "g-1", "ada@example.com", NOW));
        fixture.given(withPassword(), linked("google", "g-1"))
                .when(new LinkExternalIdentity(ADA, "google", "g-1", "ada@example.com"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSecondAccountOfOneProviderIsRefused() {
        fixture.given(withPassword(), linked("google", "g-1"))
                .when(new LinkExternalIdentity(ADA, "google", "g-2", "ada@example.com"))
                .expectException(withCode(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void theLastWayInStays() {
        fixture.given(throughProvider(), linked("google", "g-1"))
                .when(new UnlinkExternalIdentity(ADA, "google"))
                .expectException(withCode(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aProviderGoesWhenAnotherWayInIsLeft() {
        fixture.given(withPassword(), linked("google", "g-1"))
                .when(new UnlinkExternalIdentity(ADA, "google"))
                .expectEvents(new ExternalIdentityUnlinked(ADA, "google", "g-1", NOW));
        fixture.given(throughProvider(), linked("google", "g-1"), linked("github", "h-1"))
                .when(new UnlinkExternalIdentity(ADA, "google"))
                .expectEvents(new ExternalIdentityUnlinked(ADA, "google", "g-1", NOW));
        fixture.given(
                        throughProvider(),
                        linked("google", "g-1"),
                        new PasswordReset(ADA, "$2a$12$new", ResetMethod.EMAIL_LINK, EARLIER))
                .when(new UnlinkExternalIdentity(ADA, "google"))
                .expectEvents(new ExternalIdentityUnlinked(ADA, "google", "g-1", NOW));
    }

    @Test
    void anUnlinkedProviderIsNotFound() {
        fixture.given(
                        withPassword(),
                        linked("google", "g-1"),
                        new ExternalIdentityUnlinked(ADA, "google", "g-1", EARLIER))
                .when(new UnlinkExternalIdentity(ADA, "google"))
                .expectException(withCode(ErrorCode.NOT_FOUND));
    }
}
