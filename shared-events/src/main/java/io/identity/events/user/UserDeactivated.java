package io.identity.events.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user closed their account: sign-in is refused ({@code account_disabled}), every session ends, and their
 * memberships stay, marked as those of a deactivated account. Their data stays until they erase it.
 */
@Revision("1")
public record UserDeactivated(UUID userId, Instant deactivatedAt) {}
