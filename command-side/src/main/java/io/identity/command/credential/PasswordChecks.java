package io.identity.command.credential;

import io.identity.command.handling.Commands;
import io.identity.events.security.LoginChannel;
import io.identity.events.security.LoginFailed;
import io.identity.events.security.LoginThrottled;
import java.time.Clock;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * Every check of a password an account holder types, at sign-in or before a sensitive change, under the sign-in
 * throttle: a failure is counted and recorded ({@code LoginFailed}, and {@code LoginThrottled} when it locks the
 * name), and while the name is locked even the right password is refused ({@code 429 too_many_attempts}).
 */
public class PasswordChecks {

    private final PasswordHasher hasher;
    private final Throttle throttle;
    private final Commands commands;
    private final EventGateway events;
    private final Clock clock;

    public PasswordChecks(
            PasswordHasher hasher, Throttle throttle, Commands commands, EventGateway events, Clock clock) {
        this.hasher = hasher;
        this.throttle = throttle;
        this.commands = commands;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Whether {@code password} is the one behind {@code passwordHash}, counted under the throttle of {@code subject};
     * a null hash (no such account) costs the same time as a real check and fails.
     */
    public boolean matches(String subject, UUID userId, LoginChannel channel, String password, String passwordHash) {
        return counted(subject, userId, channel, () -> {
            if (passwordHash == null) {
                hasher.burn(password == null ? "" : password);
                return false;
            }
            return hasher.matches(password, passwordHash);
        });
    }

    /**
     * A signed-in person's password, asked again before a sensitive change: counted in the same per-account
     * throttle as signing in, so a stolen access token cannot be used to guess the password behind it.
     */
    public boolean confirms(UUID userId, String password, String passwordHash) {
        return matches("user:" + userId, userId, LoginChannel.CURRENT_PASSWORD, password, passwordHash);
    }

    /**
     * A second factor at sign-in or at its enrolment (§13), counted in the same per-account throttle as the
     * password: five wrong codes in a row lock the account's checks as five wrong passwords do.
     */
    public boolean confirmsSecondFactor(UUID userId, BooleanSupplier check) {
        return counted("user:" + userId, userId, LoginChannel.SECOND_FACTOR, check);
    }

    private boolean counted(String subject, UUID userId, LoginChannel channel, BooleanSupplier check) {
        var attempt = throttle.begin(subject);
        if (!attempt.allowed()) {
            throw attempt.refusal(clock.instant());
        }
        if (!check.getAsBoolean()) {
            recordFailure(userId, channel, attempt);
            return false;
        }
        throttle.succeeded(subject);
        return true;
    }

    /** Audit facts outside any aggregate, committed even though the request fails. */
    private void recordFailure(UUID userId, LoginChannel channel, Throttle.Attempt attempt) {
        var now = clock.instant();
        commands.run(() -> {
            events.publish(new LoginFailed(userId, channel, attempt.failures(), now));
            if (attempt.lockedUntil() != null) {
                events.publish(new LoginThrottled(userId, attempt.failures(), attempt.lockedUntil()));
            }
            return null;
        });
    }
}
