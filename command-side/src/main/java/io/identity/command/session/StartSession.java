package io.identity.command.session;

import io.identity.events.session.SignInMethod;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a session for a user whose credentials were just checked. */
public record StartSession(
        @TargetAggregateIdentifier UUID sessionId,
        UUID userId,
        SignInMethod method,
        Instant expiresAt,
        List<String> amr) {

    public StartSession {
        amr = amr == null ? List.of() : List.copyOf(amr);
    }

    /** A session signed in by {@code method} alone: {@link #amrOf} it. */
    public StartSession(UUID sessionId, UUID userId, SignInMethod method, Instant expiresAt) {
        this(sessionId, userId, method, expiresAt, amrOf(method));
    }

    /** What a sign-in method alone proves (RFC 8176): a password, or another provider's sign-in. */
    public static List<String> amrOf(SignInMethod method) {
        return switch (method) {
            case OAUTH -> List.of("fed");
            default -> List.of("pwd");
        };
    }
}
