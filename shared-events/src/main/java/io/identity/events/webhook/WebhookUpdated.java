package io.identity.events.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A webhook's address, event types or description changed: the whole configuration as it now is. {@code companyId}
 * is the webhook's company (null for an operators' webhook), so that the company's audit lists the change.
 */
@Revision("1")
public record WebhookUpdated(
        UUID webhookId,
        UUID companyId,
        String url,
        List<String> eventTypes,
        String description,
        UUID updatedBy,
        Instant updatedAt) {

    public WebhookUpdated {
        eventTypes = List.copyOf(eventTypes);
    }

    @Override
    public String toString() {
        return "WebhookUpdated[" + webhookId + "]";
    }
}
