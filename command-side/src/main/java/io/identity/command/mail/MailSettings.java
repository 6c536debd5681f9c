package io.identity.command.mail;

import io.identity.command.kernel.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param productName      the name mails give the service (default "Identity")
 * @param from             the sender address (default {@code no-reply@localhost})
 * @param dispatchInterval how often each instance looks for due mail (read by {@link MailDispatcher}'s schedule)
 * @param batchSize        how many mails one dispatcher claims at once
 * @param lease            how long a claim keeps other instances off a mail; far above the SMTP timeouts
 * @param maxAttempts      attempts after which a mail is given up (FAILED)
 * @param retryInitial     the wait after the first failed attempt, doubled after each further one
 * @param retryMax         the longest wait between attempts
 * @param retention        how long a mail is kept once sent or given up (default 30 days)
 */
@ConfigurationProperties("identity.mail")
public record MailSettings(
        String productName,
        String from,
        Duration dispatchInterval,
        Integer batchSize,
        Duration lease,
        Integer maxAttempts,
        Duration retryInitial,
        Duration retryMax,
        Duration retention) {

    public MailSettings {
        productName = productName != null ? productName : "Identity";
        from = from != null ? from : "no-reply@localhost";
        dispatchInterval = dispatchInterval != null ? dispatchInterval : Duration.ofSeconds(1);
        batchSize = batchSize != null ? batchSize : 10;
        lease = lease != null ? lease : Duration.ofMinutes(5);
        maxAttempts = maxAttempts != null ? maxAttempts : 12;
        retryInitial = retryInitial != null ? retryInitial : Duration.ofSeconds(2);
        retryMax = retryMax != null ? retryMax : Duration.ofMinutes(10);
        retention = retention != null ? retention : Duration.ofDays(30);
    }

    /** The wait after the given number of failed attempts: retryInitial doubling, at most retryMax. */
    Duration backoff(int failedAttempts) {
        return Backoff.doubling(retryInitial, retryMax, failedAttempts);
    }
}
