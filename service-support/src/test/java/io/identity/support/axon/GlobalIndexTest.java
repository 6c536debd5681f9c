package io.identity.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/** An event's own index from the tokens around it: the new head, or the one gap it filled. */
class GlobalIndexTest {

    @Test
    void anEventInOrderIsAtItsTokensIndex() {
        assertThat(GlobalIndex.between(null, GapAwareTrackingToken.newInstance(7, List.of())))
                .isEqualTo(7);
        assertThat(GlobalIndex.between(
                        GapAwareTrackingToken.newInstance(7, List.of()),
                        GapAwareTrackingToken.newInstance(9, List.of(8L))))
                .isEqualTo(9);
    }

    @Test
    void anEventCommittedLateIsAtTheGapItFilled() {
        var before = GapAwareTrackingToken.newInstance(20, List.of(12L, 15L));
        assertThat(GlobalIndex.between(before, GapAwareTrackingToken.newInstance(20, List.of(12L))))
                .isEqualTo(15);
        assertThat(GlobalIndex.between(before, GapAwareTrackingToken.newInstance(20, List.of())))
                .as("two gaps gone at once: the tokens cannot tell")
                .isNull();
    }

    @Test
    void aTaggedMessageStaysTrackedWhateverItIs() {
        var token = GapAwareTrackingToken.newInstance(5, List.of());
        var plain = GlobalIndex.tag(
                new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("audit fact")), 4);
        assertThat(plain.trackingToken()).isEqualTo(token);
        assertThat(GlobalIndex.of(plain, token)).isEqualTo(4);
        var domain = GlobalIndex.tag(
                new GenericTrackedDomainEventMessage<>(
                        token, new GenericDomainEventMessage<>("User", "u-1", 3, "changed")),
                5);
        assertThat(domain).isInstanceOf(DomainEventMessage.class);
        assertThat(((DomainEventMessage<?>) domain).getSequenceNumber()).isEqualTo(3);
        assertThat(GlobalIndex.of(domain, token)).isEqualTo(5);
    }

    @Test
    void theMetadataWinsOverTheTokensPosition() {
        var token = new GlobalSequenceTrackingToken(30);
        var tagged = GenericEventMessage.asEventMessage("payload").andMetaData(Map.of(GlobalIndex.KEY, 25L));
        assertThat(GlobalIndex.of(tagged, token)).isEqualTo(25);
        assertThat(GlobalIndex.of(GenericEventMessage.asEventMessage("payload"), token))
                .isEqualTo(30);
    }

    /** Tagging reads none of the stored metadata: most processors never ask for it, and reading it decrypts. */
    @Test
    void taggingLeavesTheStoredMetadataUnreadUntilAsked() {
        var token = GapAwareTrackingToken.newInstance(8, List.of());
        var reads = new AtomicInteger();
        var stored = new GenericDomainEventMessage<>("User", "u-2", 1, "changed", Map.of("ip", "192.0.2.1"));
        var counting = new MessageDecorator<String>(stored) {
            @Override
            public MetaData getMetaData() {
                reads.incrementAndGet();
                return super.getMetaData();
            }

            @Override
            public Message<String> withMetaData(Map<String, ?> metaData) {
                return stored.withMetaData(metaData);
            }

            @Override
            public Message<String> andMetaData(Map<String, ?> metaData) {
                return stored.andMetaData(metaData);
            }
        };
        var tagged = GlobalIndex.tag(
                new GenericTrackedDomainEventMessage<>(token, "User", "u-2", 1, counting, Instant::now), 6);
        assertThat(tagged.getPayload()).isEqualTo("changed");
        assertThat(reads).as("metadata read while tagging").hasValue(0);
        assertThat(GlobalIndex.of(tagged, token)).isEqualTo(6);
        assertThat(tagged.getMetaData()).containsEntry("ip", "192.0.2.1").containsEntry(GlobalIndex.KEY, 6L);
        assertThat(tagged.andMetaData(Map.of("more", "x")).getMetaData())
                .containsEntry(GlobalIndex.KEY, 6L)
                .containsEntry("ip", "192.0.2.1")
                .containsEntry("more", "x");
        assertThat(reads).as("read once, when asked").hasValue(1);
    }
}
