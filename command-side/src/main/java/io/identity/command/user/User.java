package io.identity.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.command.kernel.EmailAddresses;
import io.identity.events.user.EmailChangeRequested;
import io.identity.events.user.EmailChanged;
import io.identity.events.user.EmailVerificationRequested;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.UserDeactivated;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserLocked;
import io.identity.events.user.UserRegistered;
import io.identity.events.user.UserUnlocked;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's account. Uniqueness of username and email is a set rule over all users, decided by the
 * {@code accounts} lookup table in the same transaction as this aggregate's events.
 * <p>
 * Every {@code identity.snapshots.user-threshold} events a snapshot of it is stored, so that a command loads the
 * snapshot and the events after it instead of the whole history. Its revision says which shape of this class a
 * snapshot holds: change it whenever a field of the aggregate or its members changes, and older snapshots are
 * ignored (the aggregate is then rebuilt from its events, and snapshotted again). Between commands it is kept in
 * memory, each use confirmed against the store ({@link io.identity.command.handling.CheckedAggregateCache}).
 */
@Aggregate(snapshotTriggerDefinition = "userSnapshots", snapshotFilter = "userSnapshotFilter", cache = "aggregateCache")
@Revision("1")
class User {

    @AggregateIdentifier
    private UUID userId;
    /** Passwords, reset links and security questions: their rules live in their own class. */
    @AggregateMember
    private final Credentials credentials = new Credentials();
    /** Profile, settings and privacy. */
    @AggregateMember
    private final Preferences preferences = new Preferences();
    /** The ways to sign in: a password, accounts at OpenID Connect providers. */
    @AggregateMember
    private final LinkedIdentities identities = new LinkedIdentities();

    private String email;
    private boolean emailVerified;
    /** The newest verification link's token hash, or null when none is pending. */
    private String pendingTokenHash;

    private Instant pendingExpiresAt;
    /** The address a pending change link would move the account to, or null. */
    private String pendingNewEmail;

    private boolean deactivated;
    private boolean erased;
    private boolean locked;

    User() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    User(RegisterUser command, Clock clock) {
        apply(new UserRegistered(
                command.userId(),
                command.username(),
                command.email(),
                command.passwordHash(),
                command.displayName(),
                command.method(),
                command.registeredAt() != null ? command.registeredAt() : clock.instant()));
    }

    /**
     * A verified address needs no link, and an account without an address (made through a provider whose address
     * did not count) has none to verify: nothing is recorded and the caller sends no mail.
     */
    @CommandHandler
    boolean handle(RequestEmailVerification command, Clock clock) {
        if (email == null) {
            return false;
        }
        if (!email.equals(command.email())) {
            throw new IdentityException(ErrorCode.CONFLICT, "The address changed meanwhile; retry.");
        }
        if (emailVerified) {
            return false;
        }
        apply(new EmailVerificationRequested(userId, email, command.tokenHash(), command.expiresAt(), clock.instant()));
        return true;
    }

    /** A link to a new address replaces any link pending, for verification or for another change. */
    @CommandHandler
    void handle(RequestEmailChange command, Clock clock) {
        if (email != null && EmailAddresses.key(email).equals(EmailAddresses.key(command.newEmail()))) {
            throw new IdentityException(
                    ErrorCode.VALIDATION_FAILED,
                    "That is the address already.",
                    List.of(new FieldViolation("newEmail", "must differ from the current address")),
                    null);
        }
        apply(new EmailChangeRequested(
                userId, command.newEmail(), command.tokenHash(), command.expiresAt(), clock.instant()));
    }

    /**
     * Only the newest link works, once, until it expires; every other token fails the same way. A link sent to a
     * new address moves the account there and returns the address it leaves (for the notice); else null.
     */
    @CommandHandler
    String handle(VerifyEmail command, Clock clock) {
        if (pendingTokenHash == null
                || command.tokenHash() == null
                || !MessageDigest.isEqual(bytes(pendingTokenHash), bytes(command.tokenHash()))
                || !clock.instant().isBefore(pendingExpiresAt)) {
            throw invalidVerificationToken();
        }
        if (pendingNewEmail != null) {
            var previous = email;
            apply(new EmailChanged(userId, previous, pendingNewEmail, clock.instant()));
            return previous;
        }
        apply(new EmailVerified(userId, email, clock.instant()));
        return null;
    }

    @CommandHandler
    void handle(ConfirmEmail command, Clock clock) {
        if (!emailVerified && email != null) {
            apply(new EmailVerified(userId, email, clock.instant()));
        }
    }

    /** Closing a closed account changes nothing. */
    @CommandHandler
    void handle(DeactivateUser command, Clock clock) {
        if (!deactivated) {
            apply(new UserDeactivated(userId, clock.instant()));
        }
    }

    /** Locking a locked account changes nothing; a closed one has nothing to lock. */
    @CommandHandler
    void handle(LockUser command, Clock clock) {
        if (deactivated) {
            throw IdentityException.notFound();
        }
        if (!locked) {
            apply(new UserLocked(userId, command.reason(), command.operatorId(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(UnlockUser command, Clock clock) {
        if (locked && !deactivated) {
            apply(new UserUnlocked(userId, command.operatorId(), clock.instant()));
        }
    }

    /** Erasing twice changes nothing. */
    @CommandHandler
    void handle(EraseUser command, Clock clock) {
        if (!erased) {
            apply(new UserErased(userId, clock.instant(), command.invitationIds()));
        }
    }

    /** {@code 400 invalid_token}: the contract's status for a bad verification link (refresh answers 401). */
    static IdentityException invalidVerificationToken() {
        return IdentityException.badRequest(
                ErrorCode.INVALID_TOKEN,
                "The verification link is invalid, expired, replaced by a newer one or already used.");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        email = event.email();
    }

    @EventSourcingHandler
    void on(UserLocked event) {
        locked = true;
    }

    @EventSourcingHandler
    void on(UserUnlocked event) {
        locked = false;
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        deactivated = true;
    }

    @EventSourcingHandler
    void on(UserErased event) {
        erased = true;
        deactivated = true;
    }

    @EventSourcingHandler
    void on(EmailVerificationRequested event) {
        pendingTokenHash = event.tokenHash();
        pendingExpiresAt = event.expiresAt();
        pendingNewEmail = null;
    }

    @EventSourcingHandler
    void on(EmailChangeRequested event) {
        pendingTokenHash = event.tokenHash();
        pendingExpiresAt = event.expiresAt();
        pendingNewEmail = event.newEmail();
    }

    @EventSourcingHandler
    void on(EmailChanged event) {
        email = event.email();
        emailVerified = true;
        pendingTokenHash = null;
        pendingExpiresAt = null;
        pendingNewEmail = null;
    }

    @EventSourcingHandler
    void on(EmailVerified event) {
        emailVerified = true;
        pendingTokenHash = null;
        pendingExpiresAt = null;
    }
}
