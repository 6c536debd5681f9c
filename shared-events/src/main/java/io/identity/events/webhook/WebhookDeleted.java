package io.identity.events.webhook;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A webhook was deleted: nothing more is delivered to it, and its secret and delivery log are gone. {@code companyId}
 * is the webhook's company (null for an operators' webhook).
 */
@Revision("1")
public record WebhookDeleted(UUID webhookId, UUID companyId, UUID deletedBy, Instant deletedAt) {}
