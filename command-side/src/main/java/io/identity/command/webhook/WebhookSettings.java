package io.identity.command.webhook;

import io.identity.command.kernel.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhooks ({@code identity.webhooks.*}).
 *
 * @param allowPrivateTargets deliver to loopback, link-local and private addresses too (default off: a webhook
 *                            would otherwise let anyone who may make one reach the service's own network)
 * @param dispatchInterval    how often each instance looks for due deliveries
 * @param batchSize           deliveries one instance claims at once
 * @param lease               how long a claim keeps other instances off a delivery; far above the timeouts
 * @param connectTimeout      the longest wait for a target's connection
 * @param readTimeout         the longest wait for a target's answer
 * @param retryInitial        the wait after a delivery's first failed attempt, doubled after each further one
 * @param retryMax            the longest wait between two attempts
 * @param retryFor            how long after it was recorded a delivery is still tried (default 3 days)
 * @param retention           how long a delivery that arrived or was given up stays in the log
 */
@ConfigurationProperties("identity.webhooks")
public record WebhookSettings(
        Boolean allowPrivateTargets,
        Duration dispatchInterval,
        Integer batchSize,
        Duration lease,
        Duration connectTimeout,
        Duration readTimeout,
        Duration retryInitial,
        Duration retryMax,
        Duration retryFor,
        Duration retention) {

    public WebhookSettings {
        allowPrivateTargets = allowPrivateTargets != null && allowPrivateTargets;
        dispatchInterval = dispatchInterval != null ? dispatchInterval : Duration.ofSeconds(1);
        batchSize = batchSize != null ? batchSize : 10;
        lease = lease != null ? lease : Duration.ofMinutes(5);
        connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(5);
        readTimeout = readTimeout != null ? readTimeout : Duration.ofSeconds(10);
        retryInitial = retryInitial != null ? retryInitial : Duration.ofSeconds(5);
        retryMax = retryMax != null ? retryMax : Duration.ofHours(1);
        retryFor = retryFor != null ? retryFor : Duration.ofDays(3);
        retention = retention != null ? retention : Duration.ofDays(30);
    }

    /** The wait after the given number of failed attempts: retryInitial doubling, at most retryMax. */
    Duration backoff(int failedAttempts) {
        return Backoff.doubling(retryInitial, retryMax, failedAttempts);
    }
}
