package io.identity.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.BoundSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacySettingsTest {

    @Test
    void ninetyDaysEachUnlessSetOtherwise() {
        assertThat(BoundSettings.of(PrivacySettings.class, Map.of()))
                .isEqualTo(new PrivacySettings(Duration.ofDays(90), Duration.ofDays(90)));
        assertThat(BoundSettings.of(
                        PrivacySettings.class,
                        Map.of(
                                "identity.privacy.ip-retention",
                                "30d",
                                "identity.privacy.invitation-retention",
                                "PT12H")))
                .isEqualTo(new PrivacySettings(Duration.ofDays(30), Duration.ofHours(12)));
    }
}
