package io.identity.command.webhook;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a webhook this configuration, as it is asked for under {@code companyId} (null: by an operator, who may
 * change any webhook).
 */
record UpdateWebhook(
        @TargetAggregateIdentifier UUID webhookId,
        UUID companyId,
        String url,
        List<String> eventTypes,
        String description,
        UUID actorId) {

    UpdateWebhook {
        eventTypes = List.copyOf(eventTypes);
    }
}
