package io.identity.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-IP rate limits on the endpoints an attacker would hammer ({@code identity.rate-limits.*}).
 *
 * @param enabled         off only where something in front already limits (default on)
 * @param perIpPerMinute  requests one address may make to one group of endpoints in a minute (default 60)
 */
@ConfigurationProperties("identity.rate-limits")
record RateLimitSettings(Boolean enabled, Integer perIpPerMinute) {

    public RateLimitSettings {
        enabled = enabled == null || enabled;
        perIpPerMinute = perIpPerMinute != null ? perIpPerMinute : 60;
    }
}
