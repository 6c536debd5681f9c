package io.identity.command.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param recentSignIn how long after a sign-in through an OpenID Connect provider the session stands in for the
 *                     current password of an account that has none (default 10 min)
 */
@ConfigurationProperties("identity.oauth")
record RecentSignInSettings(Duration recentSignIn) {

    RecentSignInSettings {
        recentSignIn = recentSignIn != null ? recentSignIn : Duration.ofMinutes(10);
    }
}
