package io.identity.events.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A user signed in ({@code method}: PASSWORD, OAUTH, INVITATION, or OIDC for the tokens of one
 * authorization of an application that signs its users in through this service). The session lives until {@code expiresAt}
 * (the end of its refresh window) unless a {@link SessionEnded} comes first. Refreshing a session's tokens is
 * not a domain fact and appends nothing; where the sign-in came from is in the event's metadata. {@code amr} says
 * how the person proved who they are (RFC 8176: {@code pwd}, and {@code otp} or {@code hwk}/{@code swk} with
 * {@code mfa} after a second factor); null in the sessions of earlier versions, which did not record it.
 */
@Revision("1")
public record SessionStarted(
        UUID sessionId, UUID userId, SignInMethod method, Instant startedAt, Instant expiresAt, List<String> amr) {

    public SessionStarted {
        amr = amr == null ? null : List.copyOf(amr);
    }

    /** A session of a sign-in whose methods were not recorded. */
    public SessionStarted(UUID sessionId, UUID userId, SignInMethod method, Instant startedAt, Instant expiresAt) {
        this(sessionId, userId, method, startedAt, expiresAt, null);
    }
}
