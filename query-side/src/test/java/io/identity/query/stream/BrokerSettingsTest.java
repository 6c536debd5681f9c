package io.identity.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.BoundSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void theBrokersAreSpringBootsOwnSetting() {
        assertThat(BoundSettings.of(BrokerSettings.class, Map.of()).bootstrapServers())
                .isEqualTo("localhost:9092");
        assertThat(BoundSettings.of(BrokerSettings.class, Map.of("spring.kafka.bootstrap-servers", "a:1,b:2"))
                        .bootstrapServers())
                .isEqualTo("a:1,b:2");
    }
}
