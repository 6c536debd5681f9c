package io.identity.command.user;

import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserErased;
import io.identity.events.user.UserRegistered;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's profile as the OpenID Connect provider tells it to the applications they allowed ({@code profile}
 * scope), kept in the events' own transaction in {@code profile_lookup}: display name, first and last name,
 * avatar, time zone, and when any of them last changed. The rest of a profile (phone, bio) is never told.
 */
@Component
@ProcessingGroup(ProfileLookup.GROUP)
public class ProfileLookup {

    static final String GROUP = "profile-lookup";

    private final JdbcTemplate jdbc;

    ProfileLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the provider may tell of a person's profile. */
    public record Profile(
            String displayName,
            String firstName,
            String lastName,
            String avatarUrl,
            String zoneinfo,
            Instant updatedAt) {}

    public Optional<Profile> of(UUID userId) {
        return jdbc
                .query(
                        "SELECT * FROM profile_lookup WHERE user_id = ?",
                        (rs, i) -> new Profile(
                                rs.getString("display_name"),
                                rs.getString("first_name"),
                                rs.getString("last_name"),
                                rs.getString("avatar_url"),
                                rs.getString("zoneinfo"),
                                rs.getTimestamp("updated_at").toInstant()),
                        userId)
                .stream()
                .findFirst();
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.update(
                "INSERT INTO profile_lookup (user_id, display_name, updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, "
                        + "updated_at = excluded.updated_at",
                event.userId(),
                event.displayName(),
                Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(ProfileUpdated event) {
        var changed = event.changed();
        changeColumn(event.userId(), changed, "displayName", "display_name", event.changedAt());
        changeColumn(event.userId(), changed, "firstName", "first_name", event.changedAt());
        changeColumn(event.userId(), changed, "lastName", "last_name", event.changedAt());
        changeColumn(event.userId(), changed, "avatarUrl", "avatar_url", event.changedAt());
    }

    @EventHandler
    void on(SettingsChanged event) {
        changeColumn(event.userId(), event.changed(), "timezone", "zoneinfo", event.changedAt());
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM profile_lookup WHERE user_id = ?", event.userId());
    }

    /** One field, when the event changed it (to a value or to nothing); the column is one of ours, never input. */
    private void changeColumn(UUID userId, Map<String, String> changed, String field, String column, Instant at) {
        if (!changed.containsKey(field)) {
            return;
        }
        jdbc.update(
                "INSERT INTO profile_lookup (user_id, " + column + ", updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (user_id) DO UPDATE SET " + column + " = excluded." + column
                        + ", updated_at = excluded.updated_at",
                userId,
                changed.get(field),
                Timestamp.from(at));
    }
}
