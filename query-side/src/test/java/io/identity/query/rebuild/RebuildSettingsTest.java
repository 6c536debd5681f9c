package io.identity.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.BoundSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildSettingsTest {

    @Test
    void aHundredEventsABatchSwitchedInAHundredEventsBehindTheHead() {
        assertThat(BoundSettings.of(RebuildSettings.class, Map.of())).isEqualTo(new RebuildSettings(100, 100L));
        assertThat(BoundSettings.of(
                        RebuildSettings.class,
                        Map.of("identity.rebuild.batch-size", "7", "identity.rebuild.switch-lag", "9")))
                .isEqualTo(new RebuildSettings(7, 9L));
    }
}
