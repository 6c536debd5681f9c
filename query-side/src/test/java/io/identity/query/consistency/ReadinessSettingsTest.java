package io.identity.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.BoundSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessSettingsTest {

    @Test
    void readyWhileNoProjectionIsMoreThanTenThousandEventsBehind() {
        assertThat(BoundSettings.of(ReadinessSettings.class, Map.of()).maxProjectionLag())
                .isEqualTo(10_000L);
        assertThat(BoundSettings.of(ReadinessSettings.class, Map.of("identity.readiness.max-projection-lag", "5"))
                        .maxProjectionLag())
                .isEqualTo(5L);
    }
}
