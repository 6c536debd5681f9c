package io.identity.command.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dynamic client registration ({@code identity.oidc.registration.*}).
 *
 * @param initialAccessToken the bearer token {@code POST /oauth2/register} asks for (RFC 7591 §3); while it is
 *                           unset, registration is off: there is no default
 */
@ConfigurationProperties("identity.oidc.registration")
public record ClientRegistrationSettings(String initialAccessToken) {

    public boolean enabled() {
        return initialAccessToken != null && !initialAccessToken.isBlank();
    }

    @Override
    public String toString() {
        return "ClientRegistrationSettings[enabled=" + enabled() + "]";
    }
}
