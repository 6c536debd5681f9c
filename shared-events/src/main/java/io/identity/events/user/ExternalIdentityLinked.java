package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * An account of an OpenID Connect provider now signs the user in: {@code provider} is the id it is configured
 * under, {@code subject} the provider's {@code sub} for the person (unique per provider), {@code email} the address
 * the provider gave, or null.
 */
@Revision("1")
public record ExternalIdentityLinked(
        @DataSubject UUID userId,
        String provider,
        @PersonalData String subject,
        @PersonalData String email,
        Instant linkedAt) {

    @Override
    public String toString() {
        return "ExternalIdentityLinked[" + userId + ", " + provider + "]";
    }
}
