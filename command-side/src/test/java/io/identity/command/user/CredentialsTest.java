package io.identity.command.user;

import io.identity.command.IdentityMatchers;
import io.identity.events.user.EmailChangeRequested;
import io.identity.events.user.EmailChanged;
import io.identity.events.user.PasswordChanged;
import io.identity.events.user.PasswordRehashed;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.PasswordResetRequested;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.ResetMethod;
import io.identity.events.user.SecurityQuestion;
import io.identity.events.user.SecurityQuestionsSet;
import io.identity.events.user.UserRegistered;
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

class CredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UserRegistered REGISTERED = new UserRegistered(
            ADA, "ada", "ada@example.com", "$2a$12$old", "Ada", RegistrationMethod.PASSWORD, NOW.minusSeconds(3600));
    private static final List<SecurityQuestion> QUESTIONS = List.of(
            new SecurityQuestion("a?", "$2a$h1"),
            new SecurityQuestion("b?", "$2a$h2"),
            new SecurityQuestion("c?", "$2a$h3"));

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PasswordResetRequested resetRequested(String hash, Instant expiresAt) {
        return new PasswordResetRequested(ADA, hash, expiresAt, NOW.minusSeconds(60));
    }

    @Test
    void changingThePasswordRecordsTheNewHash() {
        fixture.given(REGISTERED)
                .when(new ChangePassword(ADA, "$2a$12$new"))
                .expectEvents(new PasswordChanged(ADA, "$2a$12$new", NOW));
    }

    @Test
    void rehashingIsNotAChange() {
        fixture.given(REGISTERED)
                .when(new RehashPassword(ADA, "$2a$14$same"))
                .expectEvents(new PasswordRehashed(ADA, "$2a$14$same", NOW));
    }

    @Test
    void theNewestResetLinkSetsANewPassword() {
        fixture.given(REGISTERED, resetRequested("h1", NOW.plusSeconds(600)))
                .when(new ResetPassword(ADA, "h1", "$2a$12$new"))
                .expectEvents(new PasswordReset(ADA, "$2a$12$new", ResetMethod.EMAIL_LINK, NOW));
    }

    @Test
    void aNewerLinkVoidsTheOlderOne() {
        fixture.given(
                        REGISTERED,
                        resetRequested("h1", NOW.plusSeconds(600)),
                        resetRequested("h2", NOW.plusSeconds(900)))
                .when(new ResetPassword(ADA, "h1", "$2a$12$new"))
                .expectException(IdentityMatchers.withCode(ErrorCode.INVALID_TOKEN))
                .expectNoEvents();
    }

    @Test
    void anExpiredLinkFails() {
        fixture.given(REGISTERED, resetRequested("h1", NOW))
                .when(new ResetPassword(ADA, "h1", "$2a$12$new"))
                .expectException(IdentityMatchers.withCode(ErrorCode.INVALID_TOKEN));
    }

    @Test
    void aUsedLinkFailsTheSecondTime() {
        fixture.given(
                        REGISTERED,
                        resetRequested("h1", NOW.plusSeconds(600)),
                        new PasswordReset(ADA, "$2a$12$new", ResetMethod.EMAIL_LINK, NOW))
                .when(new ResetPassword(ADA, "h1", "$2a$12$again"))
                .expectException(IdentityException.class)
                .expectNoEvents();
    }

    @Test
    void aPasswordChangeVoidsAPendingLink() {
        fixture.given(REGISTERED, resetRequested("h1", NOW.plusSeconds(600)), new PasswordChanged(ADA, "$2a$x", NOW))
                .when(new ResetPassword(ADA, "h1", "$2a$12$new"))
                .expectException(IdentityMatchers.withCode(ErrorCode.INVALID_TOKEN));
    }

    @Test
    void answersCanResetOnlyWhenEnrolled() {
        fixture.given(REGISTERED)
                .when(new ResetPasswordWithAnswers(ADA, "$2a$12$new"))
                .expectException(IdentityMatchers.withCode(ErrorCode.INVALID_CREDENTIALS));
        fixture.given(REGISTERED, new SecurityQuestionsSet(ADA, QUESTIONS, NOW))
                .when(new ResetPasswordWithAnswers(ADA, "$2a$12$new"))
                .expectEvents(new PasswordReset(ADA, "$2a$12$new", ResetMethod.SECURITY_QUESTIONS, NOW));
    }

    @Test
    void aConfirmedChangeLinkMovesTheAccountToTheNewAddress() {
        fixture.given(REGISTERED, new EmailChangeRequested(ADA, "new@example.org", "h9", NOW.plusSeconds(60), NOW))
                .when(new VerifyEmail(ADA, "h9"))
                .expectResultMessagePayload("ada@example.com")
                .expectEvents(new EmailChanged(ADA, "ada@example.com", "new@example.org", NOW));
    }

    @Test
    void theCurrentAddressIsNoChange() {
        fixture.given(REGISTERED)
                .when(new RequestEmailChange(ADA, "ADA@example.com", "h9", NOW.plusSeconds(60)))
                .expectException(IdentityMatchers.withCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void threeToFiveQuestionsAreEnrolled() {
        fixture.given(REGISTERED)
                .when(new SetSecurityQuestions(ADA, QUESTIONS))
                .expectEvents(new SecurityQuestionsSet(ADA, QUESTIONS, NOW));
        fixture.given(REGISTERED)
                .when(new SetSecurityQuestions(ADA, QUESTIONS.subList(0, 2)))
                .expectException(IdentityMatchers.withCode(ErrorCode.VALIDATION_FAILED));
    }
}
