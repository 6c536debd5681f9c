package io.identity.events.session;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A user signed in ({@code method}: PASSWORD, OAUTH, INVITATION, or OIDC for the tokens of one
 * authorization of an application that signs its users in through this service). The session lives until {@code expiresAt}
 * (the end of its refresh window) unless a {@link SessionEnded} comes first. Refreshing a session's tokens is
 * not a domain fact and appends nothing; where the sign-in came from is in the event's metadata.
 */
@Revision("1")
public record SessionStarted(UUID sessionId, UUID userId, SignInMethod method, Instant startedAt, Instant expiresAt) {}
