package io.identity.command.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Erasure by address and retention ({@code identity.privacy.*}).
 *
 * @param eraseAddressLinkLifetime how long the link mailed to confirm an erasure by address works (default 24 h)
 * @param eraseAddressQuietPeriod  how long after a link another request for the same address mails nothing
 *                                 (default 10 min): nobody can fill someone's mailbox with links
 * @param anonymousRetention       how long the daily keys of events nobody is named in are kept (default 30 days)
 * @param invitationRetention      how long after it ended an invitation is shredded (default 90 days)
 */
@ConfigurationProperties("identity.privacy")
record PrivacySettings(
        Duration eraseAddressLinkLifetime,
        Duration eraseAddressQuietPeriod,
        Duration anonymousRetention,
        Duration invitationRetention) {

    PrivacySettings {
        eraseAddressLinkLifetime = eraseAddressLinkLifetime != null ? eraseAddressLinkLifetime : Duration.ofHours(24);
        eraseAddressQuietPeriod = eraseAddressQuietPeriod != null ? eraseAddressQuietPeriod : Duration.ofMinutes(10);
        anonymousRetention = anonymousRetention != null ? anonymousRetention : Duration.ofDays(30);
        invitationRetention = invitationRetention != null ? invitationRetention : Duration.ofDays(90);
    }
}
