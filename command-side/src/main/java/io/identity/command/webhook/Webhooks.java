package io.identity.command.webhook;

import io.identity.command.company.CompanyMembers;
import io.identity.command.handling.Commands;
import io.identity.events.company.CompanyRole;
import io.identity.support.auth.Caller;
import io.identity.support.auth.OperatorSettings;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Managing webhooks, for the operators (under no company: every webhook, and new ones for any event) and for a
 * company's OWNERs and ADMINs (under the company: its webhooks, for its own and its invitations' events). To
 * anyone else an operators' path answers {@code 403}, as every operator endpoint; a company's path answers {@code 404} to a stranger and
 * {@code 403} to a MEMBER, as the company's other managers' paths do. The role is read from the company's
 * memberships as the command side keeps them, in the transactions of the company's own events.
 */
@Component
class Webhooks {

    private final Commands commands;
    private final CommandGateway gateway;
    private final WebhookLookup lookup;
    private final WebhookSecrets secrets;
    private final DeliveryLog deliveries;
    private final CompanyMembers members;
    private final OperatorSettings operators;
    private final WebhookSettings settings;

    Webhooks(
            Commands commands,
            CommandGateway gateway,
            WebhookLookup lookup,
            WebhookSecrets secrets,
            DeliveryLog deliveries,
            CompanyMembers members,
            OperatorSettings operators,
            WebhookSettings settings) {
        this.commands = commands;
        this.gateway = gateway;
        this.lookup = lookup;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.members = members;
        this.operators = operators;
        this.settings = settings;
    }

    /** A new webhook and its secret, which is never shown again. */
    record Created(UUID webhookId, String secret) {}

    Commands.Stored<Created> create(Caller caller, UUID companyId, Map<String, Object> body) {
        requireManager(caller, companyId);
        var config = WebhookFields.read(body, null, companyId != null, settings.allowPrivateTargets());
        var webhookId = UUID.randomUUID();
        return commands.run(() -> {
            gateway.sendAndWait(new CreateWebhook(
                    webhookId, companyId, config.url(), config.eventTypes(), config.description(), caller.userId()));
            return new Created(webhookId, secrets.issue(webhookId));
        });
    }

    WebhookLookup.Entry read(Caller caller, UUID companyId, UUID webhookId) {
        requireManager(caller, companyId);
        return visible(companyId, webhookId);
    }

    Listing.Page<WebhookLookup.Entry> list(Caller caller, UUID companyId, Listing listing) {
        requireManager(caller, companyId);
        var rows = lookup.list(companyId, listing.key(UUID::fromString), listing.limit() + 1);
        return listing.page(rows, entry -> entry.webhookId().toString());
    }

    Commands.Stored<Object> update(Caller caller, UUID companyId, UUID webhookId, Map<String, Object> patch) {
        requireManager(caller, companyId);
        var current = visible(companyId, webhookId);
        var config = WebhookFields.read(
                patch, current.config(), current.companyId() != null, settings.allowPrivateTargets());
        return commands.run(() -> gateway.sendAndWait(new UpdateWebhook(
                webhookId, companyId, config.url(), config.eventTypes(), config.description(), caller.userId())));
    }

    Commands.Stored<Object> delete(Caller caller, UUID companyId, UUID webhookId) {
        requireManager(caller, companyId);
        visible(companyId, webhookId);
        return commands.run(() -> gateway.sendAndWait(new DeleteWebhook(webhookId, companyId, caller.userId())));
    }

    Listing.Page<DeliveryLog.Shown> deliveries(Caller caller, UUID companyId, UUID webhookId, Listing listing) {
        requireManager(caller, companyId);
        visible(companyId, webhookId);
        List<DeliveryLog.Shown> rows = deliveries.list(webhookId, listing.key(Long::valueOf), listing.limit() + 1);
        return listing.page(rows, shown -> Long.toString(shown.id()));
    }

    /** The webhook as seen under the company (its own only), or by an operator (any). */
    private WebhookLookup.Entry visible(UUID companyId, UUID webhookId) {
        return lookup.find(webhookId)
                .filter(entry -> companyId == null || companyId.equals(entry.companyId()))
                .orElseThrow(IdentityException::notFound);
    }

    private void requireManager(Caller caller, UUID companyId) {
        if (companyId == null) {
            operators.require(caller);
            return;
        }
        var role = members.roleOf(companyId, caller.userId()).orElseThrow(IdentityException::notFound);
        if (role != CompanyRole.OWNER && role != CompanyRole.ADMIN) {
            throw new IdentityException(ErrorCode.FORBIDDEN, "Only owners and admins manage the company's webhooks.");
        }
    }
}
