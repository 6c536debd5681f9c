package io.identity.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/**
 * A stream over a backlog reads batch after batch without waiting for the head to move: a store that stands
 * still (a replay, a new processor, a publisher reset) is read at the speed of the reads, not one batch per
 * refetch interval.
 */
class PollingEventSourceTest {

    @Test
    void aBacklogIsReadToItsEndWithoutWaitingForTheHeadToMove() throws Exception {
        var engine = new InMemoryEventStorageEngine();
        var events = new ArrayList<EventMessage<?>>();
        for (int i = 0; i < 1000; i++) {
            events.add(GenericEventMessage.asEventMessage("event " + i));
        }
        engine.appendEvents(events);
        // no watcher runs, and the refetch interval is far away: only the batches themselves can say there is more
        var source = new PollingEventSource(engine, null, Duration.ofHours(1), Duration.ofHours(1), 64);

        var read = new ArrayList<Object>();
        try (var stream = source.openStream(null)) {
            while (stream.hasNextAvailable()) {
                read.add(stream.nextAvailable().getPayload());
            }
        }
        assertThat(read).hasSize(1000);
        assertThat(read.get(999)).isEqualTo("event 999");
    }
}
