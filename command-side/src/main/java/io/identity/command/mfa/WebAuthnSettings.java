package io.identity.command.mfa;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passkeys' relying party ({@code identity.webauthn.*}); by default the host of {@code identity.public-url} and
 * that address's origin, where the pages that call the browser's WebAuthn are served.
 *
 * @param rpId    the relying party id: a domain the origins are of (a passkey made for it works on each)
 * @param origins the origins a browser may make or use a passkey on, as the browser names them
 *                ({@code https://id.example.com})
 */
@ConfigurationProperties("identity.webauthn")
record WebAuthnSettings(String rpId, List<String> origins) {

    WebAuthnSettings {
        rpId = rpId == null || rpId.isBlank() ? null : rpId.strip();
        origins = origins == null ? List.of() : List.copyOf(origins);
    }
}
