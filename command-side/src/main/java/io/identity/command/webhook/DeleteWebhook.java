package io.identity.command.webhook;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a webhook, as asked for under {@code companyId} (null: by an operator). */
record DeleteWebhook(@TargetAggregateIdentifier UUID webhookId, UUID companyId, UUID actorId) {}
