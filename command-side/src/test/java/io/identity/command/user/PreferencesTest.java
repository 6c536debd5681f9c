package io.identity.command.user;

import io.identity.events.user.PrivacyChanged;
import io.identity.events.user.ProfileUpdated;
import io.identity.events.user.RegistrationMethod;
import io.identity.events.user.SettingsChanged;
import io.identity.events.user.UserRegistered;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UserRegistered REGISTERED =
            new UserRegistered(ADA, "ada", "ada@example.com", "$2a$h", "Ada", RegistrationMethod.PASSWORD, NOW);

    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Map<String, String> map(String... keysAndValues) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void onlyWhatReallyChangesIsRecorded() {
        fixture.given(REGISTERED, new ProfileUpdated(ADA, map("firstName", "Ada"), NOW))
                .when(new UpdateProfile(ADA, map("displayName", "Ada", "firstName", "Ada", "lastName", "Lovelace")))
                .expectEvents(new ProfileUpdated(ADA, map("lastName", "Lovelace"), NOW));
    }

    @Test
    void nullClearsAField() {
        fixture.given(REGISTERED, new ProfileUpdated(ADA, map("phone", "+441234567"), NOW))
                .when(new UpdateProfile(ADA, map("phone", null)))
                .expectEvents(new ProfileUpdated(ADA, map("phone", null), NOW));
    }

    @Test
    void aPatchThatChangesNothingRecordsNothing() {
        fixture.given(REGISTERED)
                .when(new UpdateProfile(ADA, map("displayName", "Ada", "bio", null)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nullReturnsASettingToItsDefault() {
        fixture.given(REGISTERED, new SettingsChanged(ADA, map("emailNotifications.companyActivity", "false"), NOW))
                .when(new ChangeSettings(ADA, map("emailNotifications.companyActivity", null, "locale", "de-CH")))
                .expectEvents(new SettingsChanged(
                        ADA, map("emailNotifications.companyActivity", "true", "locale", "de-CH"), NOW));
    }

    @Test
    void privacyStartsPublicWithContactsHidden() {
        fixture.given(REGISTERED)
                .when(new ChangePrivacy(ADA, map("profileVisibility", "PUBLIC", "showEmail", "true")))
                .expectEvents(new PrivacyChanged(ADA, map("showEmail", "true"), NOW));
    }
}
