package io.identity.events.user;

import io.identity.events.DataSubject;
import io.identity.events.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A person got an account. {@code username} is already NFKC-normalised and lower-cased; {@code email} is as
 * entered (trimmed), unique case-insensitively. {@code passwordHash} is the bcrypt hash of the peppered
 * pre-hash, never the password; {@code method} says how the account was made (PASSWORD, INVITATION, OAUTH, IMPORT).
 * An IMPORT's {@code passwordHash} is the other system's hash (bcrypt behind a {@code {bcrypt}} marker, argon2id
 * and PBKDF2 PHC strings as given) until the first sign-in re-hashes it ({@code PasswordRehashed}), and its
 * {@code registeredAt} is when that system made the account, when the file said so.
 */
@Revision("1")
public record UserRegistered(
        @DataSubject UUID userId,
        @PersonalData String username,
        @PersonalData String email,
        @PersonalData String passwordHash,
        @PersonalData String displayName,
        RegistrationMethod method,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "UserRegistered[" + userId + "]";
    }
}
