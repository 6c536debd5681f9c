package io.identity.support.auth;

import java.util.List;
import java.util.UUID;

/**
 * The authenticated user behind a request, as its access token says. Declare it as a controller parameter.
 *
 * @param amr how the session was signed in (RFC 8176: {@code pwd}, {@code otp}, {@code hwk}, {@code mfa}, …)
 */
public record Caller(
        UUID userId, UUID sessionId, String username, String email, boolean emailVerified, List<String> amr) {

    public Caller {
        amr = amr == null ? List.of() : List.copyOf(amr);
    }

    public Caller(UUID userId, UUID sessionId, String username, String email, boolean emailVerified) {
        this(userId, sessionId, username, email, emailVerified, List.of());
    }

    /** Whether the session was signed in with a second factor (§13: {@code amr} holds {@code mfa}). */
    public boolean usedSecondFactor() {
        return amr.contains("mfa");
    }
}
