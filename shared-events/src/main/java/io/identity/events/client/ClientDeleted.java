package io.identity.events.client;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A client's registration was deleted (RFC 7592): its id, secret and registration access token stop working. */
@Revision("1")
public record ClientDeleted(String clientId, Instant deletedAt) {}
