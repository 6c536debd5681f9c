package io.identity.events.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An operator, or an OWNER or ADMIN of a company, subscribed an address to events: the first event of the webhook's
 * own stream. {@code companyId} is null for an operators' webhook (any event), else the company whose events and
 * invitations' events alone it receives. The signing secret is in no event: it is kept sealed on the command side.
 */
@Revision("1")
public record WebhookCreated(
        UUID webhookId,
        UUID companyId,
        String url,
        List<String> eventTypes,
        String description,
        UUID createdBy,
        Instant createdAt) {

    public WebhookCreated {
        eventTypes = List.copyOf(eventTypes);
    }

    @Override
    public String toString() {
        return "WebhookCreated[" + webhookId + "]";
    }
}
