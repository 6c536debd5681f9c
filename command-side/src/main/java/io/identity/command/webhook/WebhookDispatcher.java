package io.identity.command.webhook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the due deliveries, on every instance: claims a batch (other instances skip what it holds), sends each
 * outside any transaction, then marks it delivered on a 2xx answer, or tries it again after a doubling wait, until
 * {@code identity.webhooks.retry-for} after it was recorded, when it is given up. Delivery is at-least-once: a
 * delivery is sent twice only if the process dies between the answer and marking it, or the answer came after the
 * claim ran out; the receiver knows the second by its {@code webhook-id}.
 */
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 200;

    private final DeliveryLog deliveries;
    private final WebhookLookup webhooks;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookDispatcher(
            DeliveryLog deliveries,
            WebhookLookup webhooks,
            WebhookSecrets secrets,
            WebhookSender sender,
            WebhookSettings settings,
            Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
    }

    /** Drains what is due, batch by batch; a batch that was not full means nothing more is due now. */
    @Scheduled(fixedDelayString = "${identity.webhooks.dispatch-interval:1s}")
    void dispatch() {
        var failures = new ArrayList<String>();
        try {
            while (dispatchBatch(failures) == settings.batchSize()) {
                // more may be due: go on at once
            }
        } catch (DataAccessException e) {
            log.warn("Webhook deliveries unavailable: {}", e.getClass().getSimpleName());
        }
        if (!failures.isEmpty()) {
            log.info("{} webhook deliveries failed, to be tried again: {}", failures.size(), failures.get(0));
        }
    }

    /** Forgets, every hour, the deliveries done with longer ago than {@code identity.webhooks.retention}. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOld() {
        deliveries.forget(settings.retention());
    }

    private int dispatchBatch(List<String> failures) {
        var batch = deliveries.claim(settings.batchSize(), settings.lease());
        var started = System.nanoTime();
        var outOfTime = false;
        for (var delivery : batch) {
            // keep far inside the claim: past it another instance may send this delivery too
            outOfTime =
                    outOfTime || System.nanoTime() - started > settings.lease().toNanos() / 2;
            if (outOfTime) {
                deliveries.release(delivery.id());
                continue;
            }
            var failure = attempt(delivery);
            if (failure != null) {
                failures.add(failure);
            }
        }
        return outOfTime ? 0 : batch.size();
    }

    /** One attempt of one delivery: what went wrong, or null if it arrived. */
    private String attempt(DeliveryLog.Claimed delivery) {
        var webhook = webhooks.find(delivery.webhookId());
        var secret = secrets.of(delivery.webhookId());
        if (webhook.isEmpty() || secret.isEmpty() || delivery.body() == null) {
            deliveries.giveUp(delivery.id(), null, "webhook deleted");
            return null;
        }
        Integer status = null;
        String error;
        try {
            status = sender.send(webhook.get().url(), delivery.eventId(), secret.get(), delivery.body());
            if (status >= 200 && status < 300) {
                deliveries.delivered(delivery.id(), status);
                return null;
            }
            error = "HTTP " + status;
        } catch (Exception e) {
            error = describe(e);
        }
        var attempts = delivery.attempts() + 1;
        if (clock.instant().isAfter(delivery.createdAt().plus(settings.retryFor()))) {
            deliveries.giveUp(delivery.id(), status, error);
            log.warn(
                    "Webhook {} gave up on event {} after {} attempts: {}",
                    delivery.webhookId(),
                    delivery.eventId(),
                    attempts,
                    error);
        } else {
            deliveries.retry(delivery.id(), status, error, settings.backoff(attempts));
        }
        return "webhook " + delivery.webhookId() + ": " + error;
    }

    /**
     * What went wrong without an answer, in a short line that quotes nobody: the failure's types down the chain (a
     * connection refused, a timeout), or that the target's address is refused. Never a message, which could carry
     * the URL and whatever it holds.
     */
    static String describe(Throwable e) {
        var types = new ArrayList<String>();
        for (var link = e; link != null && types.size() < 4; link = link.getCause() == link ? null : link.getCause()) {
            if (link instanceof GuardedResolver.RefusedTarget) {
                return "refused: " + WebhookFields.PRIVATE_TARGET;
            }
            types.add(link.getClass().getSimpleName());
        }
        var text = String.join(" < ", types);
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
