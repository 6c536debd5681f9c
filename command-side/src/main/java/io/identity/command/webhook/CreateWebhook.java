package io.identity.command.webhook;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Subscribe a checked address to events; {@code companyId} null for an operators' webhook. */
record CreateWebhook(
        @TargetAggregateIdentifier UUID webhookId,
        UUID companyId,
        String url,
        List<String> eventTypes,
        String description,
        UUID actorId) {

    CreateWebhook {
        eventTypes = List.copyOf(eventTypes);
    }
}
