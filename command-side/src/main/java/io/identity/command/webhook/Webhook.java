package io.identity.command.webhook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.webhook.WebhookCreated;
import io.identity.events.webhook.WebhookDeleted;
import io.identity.events.webhook.WebhookUpdated;
import io.identity.support.problem.IdentityException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A subscription of an address to events. It belongs to one company, or to the operators (no company); asked for
 * under another company, or once deleted, it does not exist. Whether the caller may manage the company's webhooks
 * is decided before the command (by the company's roles); what the webhook decides is that it is the company's,
 * and that a change that changes nothing records nothing.
 */
@Aggregate
class Webhook {

    @AggregateIdentifier
    private UUID webhookId;

    private UUID companyId;
    private String url;
    private List<String> eventTypes;
    private String description;
    private boolean deleted;

    Webhook() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Webhook(CreateWebhook command, Clock clock) {
        apply(new WebhookCreated(
                command.webhookId(),
                command.companyId(),
                command.url(),
                command.eventTypes(),
                command.description(),
                command.actorId(),
                clock.instant()));
    }

    @CommandHandler
    void handle(UpdateWebhook command, Clock clock) {
        requireVisibleUnder(command.companyId());
        if (url.equals(command.url())
                && eventTypes.equals(command.eventTypes())
                && Objects.equals(description, command.description())) {
            return;
        }
        apply(new WebhookUpdated(
                webhookId,
                companyId,
                command.url(),
                command.eventTypes(),
                command.description(),
                command.actorId(),
                clock.instant()));
    }

    @CommandHandler
    void handle(DeleteWebhook command, Clock clock) {
        requireVisibleUnder(command.companyId());
        apply(new WebhookDeleted(webhookId, companyId, command.actorId(), clock.instant()));
    }

    /** Under a company, only that company's webhooks exist; under none (an operator), every live one. */
    private void requireVisibleUnder(UUID askedUnder) {
        if (deleted || askedUnder != null && !askedUnder.equals(companyId)) {
            throw IdentityException.notFound();
        }
    }

    @EventSourcingHandler
    void on(WebhookCreated event) {
        webhookId = event.webhookId();
        companyId = event.companyId();
        url = event.url();
        eventTypes = event.eventTypes();
        description = event.description();
    }

    @EventSourcingHandler
    void on(WebhookUpdated event) {
        url = event.url();
        eventTypes = event.eventTypes();
        description = event.description();
    }

    @EventSourcingHandler
    void on(WebhookDeleted event) {
        deleted = true;
    }
}
