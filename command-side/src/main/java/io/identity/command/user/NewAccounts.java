package io.identity.command.user;

import io.identity.command.credential.PasswordHasher;
import io.identity.command.credential.PasswordPolicy;
import io.identity.command.web.FieldValidation;
import io.identity.events.user.RegistrationMethod;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Making an account, wherever it is asked for (registration, accepting an invitation as a newcomer): the same
 * rules for username, email, display name and password, the same uniqueness, the password hashed before any
 * command is built.
 */
@Component
public class NewAccounts {

    private static final SecureRandom SUFFIXES = new SecureRandom();

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final CommandGateway gateway;

    NewAccounts(Accounts accounts, PasswordPolicy policy, PasswordHasher hasher, CommandGateway gateway) {
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.gateway = gateway;
    }

    /** A checked account, ready to register: names normalised, the password hashed. */
    public record NewAccount(UUID userId, String username, String email, String passwordHash, String displayName) {
        @Override
        public String toString() {
            return "NewAccount[" + userId + "]";
        }
    }

    /**
     * Checks the fields (adding to what the caller already put in {@code input}), then the password policy, then
     * uniqueness: {@code 400 validation_failed}, {@code 400 weak_password}, {@code 409 username_taken} or
     * {@code 409 email_taken}. Uniqueness is decided for good in the transaction that registers.
     */
    public NewAccount check(
            FieldValidation input, String rawUsername, String rawEmail, String password, String rawDisplayName) {
        var text = input.text("username", rawUsername, 1, 256);
        var username = text == null ? null : Usernames.normalize(text);
        if (username != null && !Usernames.isValid(username)) {
            input.reject("username", "must be 3 to 32 of a-z, 0-9, '.', '_' and '-'");
        }
        var email = input.email("email", rawEmail);
        var displayName = input.text("displayName", rawDisplayName, 0, 100);
        if (password == null) {
            input.reject("password", "is required");
        }
        input.check();
        var weak = policy.check("password", password, username, email);
        if (!weak.isEmpty()) {
            throw new IdentityException(ErrorCode.WEAK_PASSWORD, ErrorCode.WEAK_PASSWORD.title(), weak, null);
        }
        if (accounts.usernameTaken(username)) {
            throw Uniqueness.taken(ErrorCode.USERNAME_TAKEN);
        }
        if (accounts.emailTaken(email)) {
            throw Uniqueness.taken(ErrorCode.EMAIL_TAKEN);
        }
        return new NewAccount(
                UUID.randomUUID(),
                username,
                email,
                hasher.hash(password),
                displayName == null ? username : displayName);
    }

    /**
     * An account for a person an OpenID Connect provider vouches for: no password; a username made from what the
     * provider calls them ({@code preferredName}, else the local part of the address it gave, else their name),
     * with a random suffix when {@code attempt > 0} or when the plain one is taken; the provider's name for them as
     * display name when it is fit to show. {@code verifiedEmail} is the address only when it counts as verified
     * (§3 v1.1): with none, or none usable, the account has no address and reserves none; {@code 409 email_taken}
     * when an account has it. {@code givenEmail}, whatever the provider said, only suggests a username.
     */
    public NewAccount forProvider(
            String preferredName, String rawName, String verifiedEmail, String givenEmail, int attempt) {
        var input = new FieldValidation();
        var email = verifiedEmail == null ? null : input.email("email", verifiedEmail);
        if (email != null && accounts.emailTaken(email)) {
            throw Uniqueness.taken(ErrorCode.EMAIL_TAKEN);
        }
        var base = Usernames.derive(firstPresent(preferredName, localPart(givenEmail), rawName));
        var username = attempt == 0 ? base : suffixed(base);
        for (int tries = 1; accounts.usernameTaken(username); tries++) {
            if (tries > 20) {
                throw Uniqueness.taken(ErrorCode.USERNAME_TAKEN);
            }
            username = suffixed(base);
        }
        var displayName = input.text("displayName", rawName, 1, 100);
        return new NewAccount(UUID.randomUUID(), username, email, null, displayName == null ? username : displayName);
    }

    private static String localPart(String email) {
        var at = email == null ? -1 : email.lastIndexOf('@');
        return at > 0 ? email.substring(0, at) : null;
    }

    private static String firstPresent(String... names) {
        for (var name : names) {
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return null;
    }

    private static String suffixed(String base) {
        return base + "-" + (1000 + SUFFIXES.nextInt(9000));
    }

    /**
     * Registers an account made by {@link #forProvider} (method OAUTH) inside the caller's transaction: its
     * address, if it has one, counted as verified at the provider, and counts so here.
     */
    public void registerFromProvider(NewAccount account, Locale locale) {
        register(account, RegistrationMethod.OAUTH);
        if (account.email() != null) {
            confirmEmail(account);
        }
    }

    /** Registers the account; call inside {@code Commands.run}, and translate failures with {@link #translate}. */
    public void register(NewAccount account, RegistrationMethod method) {
        gateway.sendAndWait(new RegisterUser(
                account.userId(),
                account.username(),
                account.email(),
                account.passwordHash(),
                account.displayName(),
                method));
    }

    /**
     * A username as it is stored (NFKC, lower-cased), or null when the text cannot be one: for an import, which
     * reports a bad line rather than throwing.
     */
    public static String normalUsername(String raw) {
        if (raw == null || raw.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        var username = Usernames.normalize(raw);
        return Usernames.isValid(username) ? username : null;
    }

    /**
     * Registers an account moved here from another system (method IMPORT) inside the caller's transaction: with that
     * system's hash (or none) and, when given, its time of creation; its address counts as verified when that
     * system had verified it. Nothing is mailed: the people did not ask for it, and a verification link can be
     * asked for later.
     */
    public void registerImported(NewAccount account, boolean emailVerified, Instant createdAt) {
        gateway.sendAndWait(new RegisterUser(
                account.userId(),
                account.username(),
                account.email(),
                account.passwordHash(),
                account.displayName(),
                RegistrationMethod.IMPORT,
                createdAt));
        if (emailVerified) {
            confirmEmail(account);
        }
    }

    /** The address was proven otherwise (an invitation link reached it): it needs no verification mail. */
    public void confirmEmail(NewAccount account) {
        gateway.sendAndWait(new ConfirmEmail(account.userId()));
    }

    /** A lost race on a unique username or email, as the contract's {@code 409}. */
    public static RuntimeException translate(RuntimeException e) {
        return Uniqueness.translate(e);
    }
}
