package io.identity.query.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The batches the read models' processors handle, each in one transaction, in one of two ways.
 *
 * <ul>
 *   <li><b>At speed</b> (every batch, normally): writes a projection hands to {@link ProjectionJdbc#later} wait
 *       and go to the database together as JDBC batches before the batch commits with its token; no savepoints. If
 *       any event fails, or a waiting write fails when sent, nothing can tell which event it was, so the whole batch
 *       is rolled back ({@link BatchRetried}) and its segment is noted as careful up to the batch's last event.
 *   <li><b>Carefully</b> (a segment's events up to where a batch failed): each write goes out at once and each event
 *       is handled behind a savepoint ({@link SavepointPerEvent}), so that the one that fails is undone alone and set
 *       aside in the dead letters while the rest of the batch applies. Past that point the segment is at speed
 *       again.
 * </ul>
 *
 * The processor runs a failed batch again by itself (Axon releases the segment and claims it anew after a second),
 * from its last stored token; another instance that claims the segment meanwhile finds the failure itself.
 */
final class Batches {

    private static final String STATE = Batches.class.getName() + ".batch";

    /** Per processor and segment, the position up to which batches are handled carefully. */
    private final Map<String, Long> carefulUntil = new ConcurrentHashMap<>();

    /** The batch this thread is handling in a transaction, or null outside one (a read, a handler called alone). */
    Batch current() {
        if (!CurrentUnitOfWork.isStarted() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        var root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(STATE, key -> open(root));
    }

    private Batch open(UnitOfWork<?> root) {
        var processor = processorOf(root);
        var first = root instanceof BatchingUnitOfWork<?> batching ? firstPosition(batching.getMessages()) : null;
        var careful = processor == null
                || first == null
                || carefulUntil.getOrDefault(processor.key(), Long.MIN_VALUE) >= first;
        var batch = new Batch(processor, careful);
        if (!careful) {
            root.onPrepareCommit(unitOfWork -> batch.beforeCommit());
        } else if (processor != null) {
            root.afterCommit(unitOfWork -> passed(processor));
        }
        return batch;
    }

    /** A careful batch committed: once the segment is past where the failure was, it goes at speed again. */
    private void passed(Processor processor) {
        var last = processor.lastPosition();
        carefulUntil.computeIfPresent(processor.key(), (key, until) -> last != null && last >= until ? null : until);
    }

    private static Long firstPosition(List<?> messages) {
        if (messages.isEmpty() || !(messages.get(0) instanceof TrackedEventMessage<?> tracked)) {
            return null;
        }
        var token = tracked.trackingToken();
        return token == null || token.position().isEmpty()
                ? null
                : token.position().getAsLong();
    }

    /** The processor and segment of a batch, from what Axon's pooled processor puts in its unit of work. */
    private static Processor processorOf(UnitOfWork<?> root) {
        for (var entry : root.resources().entrySet()) {
            var name = entry.getKey();
            if (name.startsWith("Processor[") && name.endsWith("]/SegmentId") && entry.getValue() instanceof Integer) {
                var processor = name.substring("Processor[".length(), name.length() - "]/SegmentId".length());
                return new Processor(processor, (Integer) entry.getValue(), root);
            }
        }
        return null;
    }

    private record Processor(String name, int segment, UnitOfWork<?> root) {

        String key() {
            return name + "/" + segment;
        }

        Long lastPosition() {
            var token = root.getResource("Processor[" + name + "]/Token");
            return token instanceof TrackingToken tracking
                            && tracking.position().isPresent()
                    ? tracking.position().getAsLong()
                    : null;
        }
    }

    /** A batch in hand: how it is handled, and the writes it holds back. */
    final class Batch {

        private final Processor processor;
        private final boolean careful;
        private final List<ProjectionJdbc.Write> writes = new ArrayList<>();
        private boolean savepointSet;
        private BatchRetried broken;

        private Batch(Processor processor, boolean careful) {
            this.processor = processor;
            this.careful = careful;
        }

        boolean careful() {
            return careful;
        }

        /** Whether an event of this batch failed at speed: the rest need not be handled, the batch is rolled back. */
        boolean broken() {
            return broken != null;
        }

        /** Whether the transaction holds the savepoint already (then the next event moves it). */
        boolean savepointSet() {
            var set = savepointSet;
            savepointSet = true;
            return set;
        }

        /** Holds a write back until the batch commits, or until a template is used otherwise. */
        void hold(ProjectionJdbc.Write write) {
            writes.add(write);
        }

        /** Sends the writes held back; each is handed over once. */
        void sendHeld() {
            if (!writes.isEmpty()) {
                var taken = List.copyOf(writes);
                writes.clear();
                ProjectionJdbc.send(taken);
            }
        }

        /** An event failed at speed: the whole batch is rolled back, to be handled again carefully. */
        BatchRetried failed(Throwable cause) {
            var last = processor != null ? processor.lastPosition() : null;
            if (last != null) {
                carefulUntil.merge(processor.key(), last, Math::max);
            }
            if (broken == null) {
                broken = new BatchRetried(cause);
            }
            return broken;
        }

        /** Sends the writes held back, unless an event failed: then the batch goes no further. */
        private void beforeCommit() {
            if (broken != null) {
                throw broken;
            }
            try {
                sendHeld();
            } catch (RuntimeException e) {
                throw failed(e);
            }
        }
    }
}
