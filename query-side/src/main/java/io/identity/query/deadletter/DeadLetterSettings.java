package io.identity.query.deadletter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The read models' dead letters ({@code identity.dead-letters.*}).
 *
 * @param enabled set aside an event a read model throws on, and go on (default on); off, the event stops its
 *                segment, which retries it until it passes
 */
@ConfigurationProperties("identity.dead-letters")
public record DeadLetterSettings(Boolean enabled) {

    public DeadLetterSettings {
        enabled = enabled == null || enabled;
    }
}
