package io.identity.command.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Erasure by address ({@code identity.privacy.*}).
 *
 * @param eraseAddressLinkLifetime how long the link mailed to confirm an erasure by address works (default 24 h)
 * @param eraseAddressQuietPeriod  how long after a link another request for the same address mails nothing
 *                                 (default 10 min): nobody can fill someone's mailbox with links
 */
@ConfigurationProperties("identity.privacy")
record PrivacySettings(Duration eraseAddressLinkLifetime, Duration eraseAddressQuietPeriod) {

    PrivacySettings {
        eraseAddressLinkLifetime = eraseAddressLinkLifetime != null ? eraseAddressLinkLifetime : Duration.ofHours(24);
        eraseAddressQuietPeriod = eraseAddressQuietPeriod != null ? eraseAddressQuietPeriod : Duration.ofMinutes(10);
    }
}
