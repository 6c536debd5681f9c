package io.identity.command.user;

import io.identity.command.kernel.EmailAddresses;
import io.identity.events.user.EmailChanged;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.PasswordChanged;
import io.identity.events.user.PasswordRehashed;
import io.identity.events.user.PasswordReset;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserDeactivated;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserLocked;
import io.identity.events.user.UserRegistered;
import io.identity.events.user.UserUnlocked;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code accounts} in step with the events, in the same transaction (a subscribing processor whose errors
 * propagate): a second registration of a name or address fails on the unique index and its events roll back.
 */
@Component
@ProcessingGroup(AccountsProjector.GROUP)
class AccountsProjector {

    static final String GROUP = "accounts";

    private final JdbcTemplate jdbc;

    AccountsProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.update(
                "INSERT INTO accounts (user_id, username, email, email_key, password_hash) VALUES (?, ?, ?, ?, ?)",
                event.userId(),
                event.username(),
                event.email(),
                EmailAddresses.key(event.email()),
                event.passwordHash());
    }

    /** New access tokens carry {@code email_verified} from here. */
    @EventHandler
    void on(EmailVerified event) {
        jdbc.update("UPDATE accounts SET email_verified = TRUE WHERE user_id = ?", event.userId());
        verified(event.userId(), event.email());
    }

    /** Every address the person proved theirs is remembered, by its hash, for their erasure. */
    private void verified(UUID userId, String email) {
        if (email != null) {
            jdbc.update(
                    "INSERT INTO verified_addresses (user_id, address_hash) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    userId,
                    EmailAddresses.hash(email));
        }
    }

    @EventHandler
    void on(PasswordChanged event) {
        passwordHash(event.userId(), event.passwordHash());
    }

    @EventHandler
    void on(PasswordReset event) {
        passwordHash(event.userId(), event.passwordHash());
    }

    @EventHandler
    void on(PasswordRehashed event) {
        passwordHash(event.userId(), event.passwordHash());
    }

    private void passwordHash(UUID userId, String hash) {
        jdbc.update("UPDATE accounts SET password_hash = ? WHERE user_id = ?", hash, userId);
    }

    /** Mails follow the language the user chose, and notices their wish for them. */
    @EventHandler
    void on(SettingsChanged event) {
        if (event.changed().containsKey("locale")) {
            jdbc.update(
                    "UPDATE accounts SET locale = ? WHERE user_id = ?",
                    event.changed().get("locale"),
                    event.userId());
        }
        if (event.changed().containsKey("emailNotifications.companyActivity")) {
            jdbc.update(
                    "UPDATE accounts SET notify_company = ? WHERE user_id = ?",
                    Boolean.parseBoolean(event.changed().get("emailNotifications.companyActivity")),
                    event.userId());
        }
    }

    /** The unique index is checked again here: if another account took the address meanwhile, this fails. */
    @EventHandler
    void on(EmailChanged event) {
        jdbc.update(
                "UPDATE accounts SET email = ?, email_key = ?, email_verified = TRUE WHERE user_id = ?",
                event.email(),
                EmailAddresses.key(event.email()),
                event.userId());
        verified(event.userId(), event.email());
    }

    /** A locked account is not active: no sign-in, no refresh, no token of the provider. */
    @EventHandler
    void on(UserLocked event) {
        jdbc.update("UPDATE accounts SET status = 'LOCKED' WHERE user_id = ? AND status = 'ACTIVE'", event.userId());
    }

    @EventHandler
    void on(UserUnlocked event) {
        jdbc.update("UPDATE accounts SET status = 'ACTIVE' WHERE user_id = ? AND status = 'LOCKED'", event.userId());
    }

    @EventHandler
    void on(UserDeactivated event) {
        jdbc.update("UPDATE accounts SET status = 'DEACTIVATED' WHERE user_id = ?", event.userId());
    }

    /** Erasure frees the username and the address at once. */
    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM accounts WHERE user_id = ?", event.userId());
        jdbc.update("DELETE FROM verified_addresses WHERE user_id = ?", event.userId());
    }
}
