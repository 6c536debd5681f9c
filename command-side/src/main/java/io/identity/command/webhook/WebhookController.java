package io.identity.command.webhook;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks (§14): the operators' under {@code /api/v1/admin/webhooks}, a company's under
 * {@code /api/v1/companies/{companyId}/webhooks}; the same resource under either, see {@link Webhooks}.
 */
@RestController
class WebhookController {

    private static final String ADMIN = "/api/v1/admin/webhooks";
    private static final String COMPANY = "/api/v1/companies/{companyId}/webhooks";

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record View(
            UUID webhookId,
            UUID companyId,
            String url,
            List<String> eventTypes,
            String description,
            Instant createdAt,
            Instant updatedAt) {

        static View of(WebhookLookup.Entry entry) {
            return new View(
                    entry.webhookId(),
                    entry.companyId(),
                    entry.url(),
                    entry.eventTypes(),
                    entry.description(),
                    entry.createdAt(),
                    entry.updatedAt());
        }
    }

    @PostMapping({ADMIN, COMPANY})
    ResponseEntity<Webhooks.Created> create(
            Caller caller, @PathVariable(required = false) UUID companyId, @RequestBody Map<String, Object> body) {
        var stored = webhooks.create(caller, companyId, body);
        var created = Responses.of(HttpStatus.CREATED, stored, stored.result());
        // the secret is shown this once: no cache keeps it
        return ResponseEntity.status(created.getStatusCode())
                .headers(created.getHeaders())
                .cacheControl(CacheControl.noStore())
                .body(created.getBody());
    }

    @GetMapping({ADMIN, COMPANY})
    Listing.Page<View> list(
            Caller caller,
            @PathVariable(required = false) UUID companyId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = webhooks.list(caller, companyId, Listing.of(limit, cursor));
        return new Listing.Page<>(page.items().stream().map(View::of).toList(), page.nextCursor());
    }

    @GetMapping({ADMIN + "/{webhookId}", COMPANY + "/{webhookId}"})
    View read(Caller caller, @PathVariable(required = false) UUID companyId, @PathVariable UUID webhookId) {
        return View.of(webhooks.read(caller, companyId, webhookId));
    }

    @PatchMapping({ADMIN + "/{webhookId}", COMPANY + "/{webhookId}"})
    ResponseEntity<Void> update(
            Caller caller,
            @PathVariable(required = false) UUID companyId,
            @PathVariable UUID webhookId,
            @RequestBody Map<String, Object> patch) {
        return Responses.noContent(webhooks.update(caller, companyId, webhookId, patch));
    }

    @DeleteMapping({ADMIN + "/{webhookId}", COMPANY + "/{webhookId}"})
    ResponseEntity<Void> delete(
            Caller caller, @PathVariable(required = false) UUID companyId, @PathVariable UUID webhookId) {
        return Responses.noContent(webhooks.delete(caller, companyId, webhookId));
    }

    @GetMapping({ADMIN + "/{webhookId}/deliveries", COMPANY + "/{webhookId}/deliveries"})
    Listing.Page<DeliveryLog.Shown> deliveries(
            Caller caller,
            @PathVariable(required = false) UUID companyId,
            @PathVariable UUID webhookId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return webhooks.deliveries(caller, companyId, webhookId, Listing.of(limit, cursor));
    }
}
