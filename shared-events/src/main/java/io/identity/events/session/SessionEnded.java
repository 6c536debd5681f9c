package io.identity.events.session;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A session ended: its refresh token stops working at once and its access tokens within seconds. */
@Revision("1")
public record SessionEnded(UUID sessionId, UUID userId, SessionEndReason reason, Instant endedAt) {}
