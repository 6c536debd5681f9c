package io.identity.command.kernel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl the address users and relying parties reach us at: the tokens' {@code iss} and the base of
 *                  every link we send
 * @param pepper    the server-side secret mixed into every password before bcrypt; the same on every instance
 * @param bcryptCost bcrypt's cost factor (default 12)
 */
@ConfigurationProperties("identity")
public record IdentitySettings(String publicUrl, String pepper, Integer bcryptCost) {

    public IdentitySettings {
        publicUrl = publicUrl != null ? publicUrl.replaceAll("/+$", "") : "http://localhost:8081";
        bcryptCost = bcryptCost != null ? bcryptCost : 12;
    }

    @Override
    public String toString() {
        return "IdentitySettings[publicUrl=" + publicUrl + ", bcryptCost=" + bcryptCost + "]";
    }
}
