package io.identity.query.user;

import io.identity.events.user.EmailChanged;
import io.identity.events.user.EmailVerified;
import io.identity.events.user.ExternalIdentityLinked;
import io.identity.events.user.ExternalIdentityUnlinked;
import io.identity.events.user.PrivacyChanged;
import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserDeactivated;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserLocked;
import io.identity.events.user.UserRegistered;
import io.identity.events.user.UserUnlocked;
import io.identity.query.processing.ProjectionJdbc;
import io.identity.query.rebuild.ReadModel;
import io.identity.support.privacy.PersonalDataKeys;
import java.sql.Timestamp;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** The {@code users} read model: profile, settings and privacy of each account. */
@ReadModel(tables = {"users", "external_identities"})
@Component
@ProcessingGroup("users")
class UsersProjection {

    /** Event field names to columns: a fixed list, so no event value ever becomes SQL. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("displayName", "display_name"),
            Map.entry("firstName", "first_name"),
            Map.entry("lastName", "last_name"),
            Map.entry("phone", "phone"),
            Map.entry("bio", "bio"),
            Map.entry("avatarUrl", "avatar_url"),
            Map.entry("locale", "locale"),
            Map.entry("timezone", "timezone"),
            Map.entry("emailNotifications.product", "notify_product"),
            Map.entry("emailNotifications.companyActivity", "notify_company"),
            Map.entry("profileVisibility", "profile_visibility"),
            Map.entry("showEmail", "show_email"),
            Map.entry("showPhone", "show_phone"));

    private static final Set<String> FLAGS =
            Set.of("emailNotifications.product", "emailNotifications.companyActivity", "showEmail", "showPhone");

    private final ProjectionJdbc jdbc;
    private final PersonalDataKeys keys;

    UsersProjection(ProjectionJdbc jdbc, PersonalDataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.later(
                "INSERT INTO users (user_id, username, email, display_name, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (user_id) DO NOTHING",
                event.userId(),
                event.username(),
                event.email(),
                event.displayName(),
                Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(EmailVerified event) {
        jdbc.later("UPDATE users SET email_verified = TRUE WHERE user_id = ?", event.userId());
    }

    /** The person is gone from this model, and their key from this instance's memory. */
    @EventHandler
    void on(UserErased event) {
        keys.forget(event.userId());
        jdbc.later("DELETE FROM external_identities WHERE user_id = ?", event.userId());
        jdbc.later("DELETE FROM users WHERE user_id = ?", event.userId());
    }

    @EventHandler
    void on(ExternalIdentityLinked event) {
        jdbc.later(
                "INSERT INTO external_identities (user_id, provider, subject, email, linked_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, provider) DO UPDATE SET subject = "
                        + "EXCLUDED.subject, email = EXCLUDED.email, linked_at = EXCLUDED.linked_at",
                event.userId(),
                event.provider(),
                event.subject(),
                event.email(),
                Timestamp.from(event.linkedAt()));
    }

    @EventHandler
    void on(ExternalIdentityUnlinked event) {
        jdbc.later(
                "DELETE FROM external_identities WHERE user_id = ? AND provider = ?", event.userId(), event.provider());
    }

    @EventHandler
    void on(UserLocked event) {
        jdbc.later("UPDATE users SET status = 'LOCKED' WHERE user_id = ? AND status = 'ACTIVE'", event.userId());
    }

    @EventHandler
    void on(UserUnlocked event) {
        jdbc.later("UPDATE users SET status = 'ACTIVE' WHERE user_id = ? AND status = 'LOCKED'", event.userId());
    }

    @EventHandler
    void on(UserDeactivated event) {
        jdbc.later("UPDATE users SET status = 'DEACTIVATED' WHERE user_id = ?", event.userId());
    }

    @EventHandler
    void on(EmailChanged event) {
        jdbc.later(
                "UPDATE users SET email = ?, email_verified = TRUE WHERE user_id = ?", event.email(), event.userId());
    }

    @EventHandler
    void on(ProfileUpdated event) {
        update(event.userId(), event.changed());
    }

    @EventHandler
    void on(SettingsChanged event) {
        update(event.userId(), event.changed());
    }

    @EventHandler
    void on(PrivacyChanged event) {
        update(event.userId(), event.changed());
    }

    /** Writes each changed field to its column; a field this model does not know is left out. */
    private void update(UUID userId, Map<String, String> changed) {
        changed.forEach((field, value) -> {
            var column = COLUMNS.get(field);
            if (column != null) {
                var flag = FLAGS.contains(field);
                jdbc.later(
                        "UPDATE users SET " + column + " = ? WHERE user_id = ?",
                        flag ? (Object) Boolean.valueOf(value) : value,
                        userId);
            }
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE users, external_identities");
    }
}
