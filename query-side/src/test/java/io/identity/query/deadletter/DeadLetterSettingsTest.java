package io.identity.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.BoundSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterSettingsTest {

    @Test
    void onUnlessSwitchedOff() {
        assertThat(BoundSettings.of(DeadLetterSettings.class, Map.of()).enabled())
                .isTrue();
        assertThat(BoundSettings.of(DeadLetterSettings.class, Map.of("identity.dead-letters.enabled", "false"))
                        .enabled())
                .isFalse();
    }
}
