package io.identity.command.webhook;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhooks' sender and dispatcher; the stream consumer and the tables wire themselves. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookSender webhookSender(WebhookSettings settings, Clock clock) {
        return new WebhookSender(settings, clock);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(
            DeliveryLog deliveries,
            WebhookLookup webhooks,
            WebhookSecrets secrets,
            WebhookSender sender,
            WebhookSettings settings,
            Clock clock) {
        return new WebhookDispatcher(deliveries, webhooks, secrets, sender, settings, clock);
    }
}
