package io.identity.events.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An operator locked the account (§14): it cannot sign in ({@code 403 account_locked}) and its sessions ended,
 * until an operator unlocks it. {@code reason} is the operator's own words, for the audit.
 */
@Revision("1")
public record UserLocked(UUID userId, String reason, UUID lockedBy, Instant lockedAt) {}
