package io.identity.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.identity.query.BoundSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The producer's batching and compression come from {@code identity.kafka.*}; its order guarantees do not. */
class StreamSettingsTest {

    @Test
    void theProducerLingersFiveMillisecondsForBatchesOfUpTo64KbCompressedWithLz4() {
        var settings = BoundSettings.of(StreamSettings.class, Map.of());
        assertThat(settings.linger()).isEqualTo(Duration.ofMillis(5));
        assertThat(settings.batchSize()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(settings.compression()).isEqualTo("lz4");

        var config = StreamConfiguration.producerConfig("localhost:9092", settings);
        assertThat(config)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65_536)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 9_995);
    }

    @Test
    void eachCanBeSetAndTheDeliveryTimeoutStillCoversTheLingerAndARequest() {
        var settings = BoundSettings.of(
                StreamSettings.class,
                Map.of(
                        "identity.kafka.linger", "20ms",
                        "identity.kafka.batch-size", "256KB",
                        "identity.kafka.compression", "zstd",
                        "identity.kafka.send-timeout", "1s"));
        var config = StreamConfiguration.producerConfig("a:1", settings);
        assertThat(config)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 262_144)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_020)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    }
}
