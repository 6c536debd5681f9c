package io.identity.command.user;

import static io.identity.command.IdentityMatchers.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.identity.events.user.EmailVerificationRequested;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.UserDeactivated;
import io.identity.events.user.UserLocked;
import io.identity.events.user.UserRegistered;
import io.identity.events.user.UserUnlocked;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

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
                .when(new RegisterUser(
                        ADA, "ada", "Ada@Example.com", "$2a$12$hash", "Ada", RegistrationMethod.PASSWORD))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(
                        ADA, "ada", "Ada@Example.com", "$2a$12$hash", "Ada", RegistrationMethod.PASSWORD, NOW));
    }

    // email verification: only the newest link works, once, for 24 hours

    private static final String EMAIL = "Ada@Example.com";
    private static final String FIRST = "a".repeat(64);
    private static final String SECOND = "b".repeat(64);
    private static final Instant DAY_LATER = NOW.plus(Duration.ofHours(24));

    private static UserRegistered registered() {
        return new UserRegistered(
                ADA, "ada", EMAIL, "$2a$12$hash", "Ada", RegistrationMethod.PASSWORD, NOW.minusSeconds(3600));
    }

    private static EmailVerificationRequested requested(String tokenHash, Instant expiresAt) {
        return new EmailVerificationRequested(ADA, EMAIL, tokenHash, expiresAt, NOW.minusSeconds(60));
    }

    @Test
    void aVerificationRequestRecordsTheTokensHashOnly() {
        fixture.given(registered())
                .when(new RequestEmailVerification(ADA, EMAIL, FIRST, DAY_LATER))
                .expectEvents(new EmailVerificationRequested(ADA, EMAIL, FIRST, DAY_LATER, NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void theNewestLinkVerifiesTheAddress() {
        fixture.given(registered(), requested(FIRST, DAY_LATER))
                .when(new VerifyEmail(ADA, FIRST))
                .expectEvents(new EmailVerified(ADA, EMAIL, NOW));
    }

    @Test
    void aNewerRequestVoidsTheOlderLink() {
        fixture.given(registered(), requested(FIRST, DAY_LATER), requested(SECOND, DAY_LATER))
                .when(new VerifyEmail(ADA, FIRST))
                .expectException(withCode(ErrorCode.INVALID_TOKEN))
                .expectNoEvents();
        fixture.given(registered(), requested(FIRST, DAY_LATER), requested(SECOND, DAY_LATER))
                .when(new VerifyEmail(ADA, SECOND))
                .expectEvents(new EmailVerified(ADA, EMAIL, NOW));
    }

    @Test
    void aLinkExpiresAfterItsTime() {
        fixture.given(registered(), requested(FIRST, NOW))
                .when(new VerifyEmail(ADA, FIRST))
                .expectException(withCode(ErrorCode.INVALID_TOKEN))
                .expectNoEvents();
        fixture.given(registered(), requested(FIRST, NOW.plusMillis(1)))
                .when(new VerifyEmail(ADA, FIRST))
                .expectEvents(new EmailVerified(ADA, EMAIL, NOW));
    }

    @Test
    void aLinkWorksOnce() {
        fixture.given(registered(), requested(FIRST, DAY_LATER), new EmailVerified(ADA, EMAIL, NOW.minusSeconds(5)))
                .when(new VerifyEmail(ADA, FIRST))
                .expectException(withCode(ErrorCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void withoutARequestNoTokenWorks() {
        fixture.given(registered())
                .when(new VerifyEmail(ADA, FIRST))
                .expectException(withCode(ErrorCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void aVerifiedAddressGetsNoNewLink() {
        fixture.given(registered(), requested(FIRST, DAY_LATER), new EmailVerified(ADA, EMAIL, NOW.minusSeconds(5)))
                .when(new RequestEmailVerification(ADA, EMAIL, SECOND, DAY_LATER))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aLinkIsOnlyForTheAccountsOwnAddress() {
        fixture.given(registered())
                .when(new RequestEmailVerification(ADA, "someone@example.com", FIRST, DAY_LATER))
                .expectException(withCode(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aBadLinkIsA400UnlikeABadRefreshToken() {
        var refused = User.invalidVerificationToken();
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ErrorCode.INVALID_TOKEN.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anOperatorLocksAnAccountOnceAndUnlocksIt() {
        var operator = UUID.fromString("00000000-0000-0000-0000-0000000000ff");
        fixture.given(registered())
                .when(new LockUser(ADA, "stolen laptop", operator))
                .expectEvents(new UserLocked(ADA, "stolen laptop", operator, NOW));
        fixture.given(registered(), new UserLocked(ADA, "stolen laptop", operator, NOW))
                .when(new LockUser(ADA, "again", operator))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), new UserLocked(ADA, "stolen laptop", operator, NOW))
                .when(new UnlockUser(ADA, operator))
                .expectEvents(new UserUnlocked(ADA, operator, NOW));
        fixture.given(registered())
                .when(new UnlockUser(ADA, operator))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), new UserDeactivated(ADA, NOW))
                .when(new LockUser(ADA, "too late", operator))
                .expectException(IdentityException.class);
    }
}
