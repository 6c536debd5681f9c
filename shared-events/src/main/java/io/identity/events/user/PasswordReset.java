package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The password was set anew without the old one: through an emailed link ({@code method} EMAIL_LINK) or by
 * answering the security questions (SECURITY_QUESTIONS). Every session of the user ends.
 */
@Revision("1")
public record PasswordReset(
        @DataSubject UUID userId, @PersonalData String passwordHash, ResetMethod method, Instant resetAt) {

    @Override
    public String toString() {
        return "PasswordReset[" + userId + ", " + method + "]";
    }
}
