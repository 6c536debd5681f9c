package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The same password, hashed again at sign-in because the configured bcrypt cost changed. Not a change of
 * password: no session ends.
 */
@Revision("1")
public record PasswordRehashed(
        @DataSubject UUID userId, @PersonalData String passwordHash, Instant rehashedAt) {

    @Override
    public String toString() {
        return "PasswordRehashed[" + userId + "]";
    }
}
