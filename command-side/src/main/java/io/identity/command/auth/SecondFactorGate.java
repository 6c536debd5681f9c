package io.identity.command.auth;

import io.identity.events.session.SignInMethod;
import java.util.List;
import java.util.UUID;

/**
 * What a right password leads to when the person has a second factor (§13): the factors they must prove one of,
 * and a one-time token to carry the sign-in there.
 */
public interface SecondFactorGate {

    /** The factors enrolled ({@code totp}, {@code webauthn}, {@code recovery_code}); empty when there are none. */
    List<String> factorsOf(UUID userId);

    /**
     * A token (opaque, 5 minutes, spent by the sign-in it finishes) for {@code POST /api/v1/auth/mfa}, remembering
     * how the sign-in's first step was made.
     */
    String challenge(UUID userId, SignInMethod firstFactor);
}
