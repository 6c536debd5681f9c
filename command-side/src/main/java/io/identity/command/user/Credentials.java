package io.identity.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.user.PasswordChanged;
import io.identity.events.user.PasswordRehashed;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.PasswordResetRequested;
import io.identity.events.user.ResetMethod;
import io.identity.events.user.SecurityQuestionsSet;
import io.identity.events.user.UserRegistered;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The part of a {@link User} that lets them in and back in: password changes, reset links and security
 * questions. The password and answers arrive hashed, checked against the current ones by the caller; this
 * decides what only the user's own history can tell (which reset link is the live one, whether they enrolled).
 */
class Credentials {

    private UUID userId;
    /** The newest reset link's token hash, or null when none is pending. */
    private String resetTokenHash;

    private Instant resetExpiresAt;
    private boolean questionsEnrolled;

    @CommandHandler
    void handle(ChangePassword command, Clock clock) {
        apply(new PasswordChanged(userId, command.passwordHash(), clock.instant()));
    }

    @CommandHandler
    void handle(RehashPassword command, Clock clock) {
        apply(new PasswordRehashed(userId, command.passwordHash(), clock.instant()));
    }

    /** A newer link voids every older one. */
    @CommandHandler
    void handle(RequestPasswordReset command, Clock clock) {
        apply(new PasswordResetRequested(userId, command.tokenHash(), command.expiresAt(), clock.instant()));
    }

    /** Only the newest link works, once, until it expires; every other token fails the same way. */
    @CommandHandler
    void handle(ResetPassword command, Clock clock) {
        if (resetTokenHash == null
                || command.tokenHash() == null
                || !MessageDigest.isEqual(bytes(resetTokenHash), bytes(command.tokenHash()))
                || !clock.instant().isBefore(resetExpiresAt)) {
            throw IdentityException.spentLink();
        }
        apply(new PasswordReset(userId, command.passwordHash(), ResetMethod.EMAIL_LINK, clock.instant()));
    }

    @CommandHandler
    void handle(ResetPasswordWithAnswers command, Clock clock) {
        if (!questionsEnrolled) {
            throw IdentityException.badRequest(ErrorCode.INVALID_CREDENTIALS, "The answers do not match.");
        }
        apply(new PasswordReset(userId, command.passwordHash(), ResetMethod.SECURITY_QUESTIONS, clock.instant()));
    }

    @CommandHandler
    void handle(SetSecurityQuestions command, Clock clock) {
        if (command.questions().size() < 3 || command.questions().size() > 5) {
            throw new IdentityException(ErrorCode.VALIDATION_FAILED, "3 to 5 questions are needed.");
        }
        apply(new SecurityQuestionsSet(userId, command.questions(), clock.instant()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        resetTokenHash = event.tokenHash();
        resetExpiresAt = event.expiresAt();
    }

    /** Any new password voids a pending link: it was asked for to replace the password now replaced. */
    @EventSourcingHandler
    void on(PasswordReset event) {
        resetTokenHash = null;
        resetExpiresAt = null;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        resetTokenHash = null;
        resetExpiresAt = null;
    }

    @EventSourcingHandler
    void on(SecurityQuestionsSet event) {
        questionsEnrolled = true;
    }
}
