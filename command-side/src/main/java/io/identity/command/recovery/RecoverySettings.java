package io.identity.command.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Password recovery ({@code identity.password-reset.*}).
 *
 * @param linkLifetime                how long an emailed reset link works (default 30 min)
 * @param securityQuestionsEnabled    whether users may enrol and use security questions (default on); off, the
 *                                    endpoints answer {@code 404}
 */
@ConfigurationProperties("identity.password-reset")
record RecoverySettings(Duration linkLifetime, SecurityQuestions securityQuestions) {

    public record SecurityQuestions(Boolean enabled) {
        public SecurityQuestions {
            enabled = enabled == null || enabled;
        }
    }

    public RecoverySettings {
        linkLifetime = linkLifetime != null ? linkLifetime : Duration.ofMinutes(30);
        securityQuestions = securityQuestions != null ? securityQuestions : new SecurityQuestions(true);
    }

    boolean questionsEnabled() {
        return securityQuestions.enabled();
    }
}
