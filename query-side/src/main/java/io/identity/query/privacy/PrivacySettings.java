package io.identity.query.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the read models keep personal data that no erasure takes ({@code identity.privacy.*}). How often the jobs
 * apply them, {@code identity.privacy.retention-check-interval} (default 1 h), is read by their schedules.
 *
 * @param ipRetention         where a request came from (IP address, user agent), after it was recorded (default 90
 *                            days)
 * @param invitationRetention an invitation's address, after the invitation ended (default 90 days; the command side
 *                            reads the same setting)
 */
@ConfigurationProperties("identity.privacy")
record PrivacySettings(Duration ipRetention, Duration invitationRetention) {

    PrivacySettings {
        ipRetention = ipRetention != null ? ipRetention : Duration.ofDays(90);
        invitationRetention = invitationRetention != null ? invitationRetention : Duration.ofDays(90);
    }
}
