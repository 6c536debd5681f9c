package io.identity.events.mfa;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import io.identity.events.Unpublished;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person added a passkey (WebAuthn) with their current password: from now on it signs them in, after their
 * password or without one. {@code credentialId} is the authenticator's public name for it (base64url);
 * {@code name} the one the person gave it; {@code aaguid} the authenticator's model, when it told one (null for
 * none or all zeros). The name is the person's own, for their list: kept encrypted, and not published. The public
 * key and the signature counter are kept beside the store, never in an event.
 */
@Revision("1")
public record PasskeyRegistered(
        UUID factorsId,
        @DataSubject UUID userId,
        String credentialId,
        @PersonalData @Unpublished String name,
        String aaguid,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "PasskeyRegistered[" + userId + ", " + credentialId + "]";
    }
}
