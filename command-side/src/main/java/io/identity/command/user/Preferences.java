package io.identity.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.identity.events.user.PrivacyChanged;
import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserRegistered;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * What a {@link User} tells about themselves and how: profile, settings and privacy. A patch records only what
 * it really changes; a patch that changes nothing records nothing.
 */
class Preferences {

    static final Map<String, String> DEFAULT_SETTINGS =
            Map.of("emailNotifications.product", "false", "emailNotifications.companyActivity", "true");
    static final Map<String, String> DEFAULT_PRIVACY =
            Map.of("profileVisibility", "PUBLIC", "showEmail", "false", "showPhone", "false");

    private UUID userId;
    private final Map<String, String> profile = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>(DEFAULT_SETTINGS);
    private final Map<String, String> privacy = new HashMap<>(DEFAULT_PRIVACY);

    @CommandHandler
    void handle(UpdateProfile command, Clock clock) {
        var changed = changes(profile, command.values(), Map.of());
        if (!changed.isEmpty()) {
            apply(new ProfileUpdated(userId, changed, clock.instant()));
        }
    }

    @CommandHandler
    void handle(ChangeSettings command, Clock clock) {
        var changed = changes(settings, command.values(), DEFAULT_SETTINGS);
        if (!changed.isEmpty()) {
            apply(new SettingsChanged(userId, changed, clock.instant()));
        }
    }

    @CommandHandler
    void handle(ChangePrivacy command, Clock clock) {
        var changed = changes(privacy, command.values(), DEFAULT_PRIVACY);
        if (!changed.isEmpty()) {
            apply(new PrivacyChanged(userId, changed, clock.instant()));
        }
    }

    /** The requested values that differ from the current ones; null asks for the default (if any) or nothing. */
    private static Map<String, String> changes(
            Map<String, String> current, Map<String, String> requested, Map<String, String> defaults) {
        var changed = new LinkedHashMap<String, String>();
        requested.forEach((field, value) -> {
            var wanted = value != null ? value : defaults.get(field);
            if (!Objects.equals(current.get(field), wanted)) {
                changed.put(field, wanted);
            }
        });
        return changed;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        profile.put("displayName", event.displayName());
    }

    @EventSourcingHandler
    void on(ProfileUpdated event) {
        profile.putAll(event.changed());
    }

    @EventSourcingHandler
    void on(SettingsChanged event) {
        settings.putAll(event.changed());
    }

    @EventSourcingHandler
    void on(PrivacyChanged event) {
        privacy.putAll(event.changed());
    }
}
