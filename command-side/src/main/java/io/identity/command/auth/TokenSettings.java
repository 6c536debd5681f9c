package io.identity.command.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token and key settings ({@code identity.tokens.*}).
 *
 * @param accessLifetime      access token lifetime (default 15 min)
 * @param refreshLifetime     a session's refresh window from sign-in (default 30 days)
 * @param clientIds           accepted {@code client_id}s of the first-party public client at {@code /oauth2/token}
 * @param keyRotationPeriod   how old the newest signing key may grow before a new one is made (default 30 days)
 * @param keyPublishAhead     how long a new key is published before tokens are signed with it (default 10 min)
 * @param masterKey           the secret that seals private keys in the database; the same on every instance
 */
@ConfigurationProperties("identity.tokens")
public record TokenSettings(
        Duration accessLifetime,
        Duration refreshLifetime,
        List<String> clientIds,
        Duration keyRotationPeriod,
        Duration keyPublishAhead,
        String masterKey) {

    public TokenSettings {
        accessLifetime = accessLifetime != null ? accessLifetime : Duration.ofMinutes(15);
        refreshLifetime = refreshLifetime != null ? refreshLifetime : Duration.ofDays(30);
        clientIds = clientIds != null ? List.copyOf(clientIds) : List.of("first-party");
        keyRotationPeriod = keyRotationPeriod != null ? keyRotationPeriod : Duration.ofDays(30);
        keyPublishAhead = keyPublishAhead != null ? keyPublishAhead : Duration.ofMinutes(10);
    }

    @Override
    public String toString() {
        return "TokenSettings[accessLifetime=" + accessLifetime + ", refreshLifetime=" + refreshLifetime + "]";
    }
}
