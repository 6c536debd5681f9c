package io.identity.support.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event stream for this side's processors, read straight from the storage engine. Events are appended by
 * other processes (other instances, the other side), so no in-process notification can say that new ones
 * exist: one thread per process watches the head of the store every {@code pollInterval} and wakes the streams
 * when it moves. Streams also read again every {@code refetchInterval} even when the head stood still, so an
 * event whose transaction committed late (a gap below the head) is picked up within that time.
 */
public class PollingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingEventSource.class);

    private final EventStorageEngine engine;
    private final JdbcTemplate jdbc;
    private final Duration pollInterval;
    private final Duration refetchInterval;
    private final int batchSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile long head = -1;
    private volatile Thread watcher;

    public PollingEventSource(
            EventStorageEngine engine,
            JdbcTemplate jdbc,
            Duration pollInterval,
            Duration refetchInterval,
            int batchSize) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.pollInterval = pollInterval;
        this.refetchInterval = refetchInterval;
        this.batchSize = batchSize;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Stream(token);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    private void watch() {
        var lastWake = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                var current = jdbc.queryForObject(
                        "SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
                var now = System.nanoTime();
                if (current != head || now - lastWake > refetchInterval.toNanos()) {
                    head = current;
                    lastWake = now;
                    wake();
                }
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Could not read the head of the event store: {}", e.getMessage());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private void wake() {
        lock.lock();
        try {
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        callbacks.forEach(Runnable::run);
    }

    private void awaitMove(long nanos) throws InterruptedException {
        lock.lock();
        try {
            moved.awaitNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        var thread = new Thread(this::watch, "event-store-head");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    @Override
    public void stop() {
        var thread = watcher;
        watcher = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    /** Processors start in a later phase than this, so the watcher runs before they open streams. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** Where an event is in the store, when its tokens cannot tell. */
    private long indexOf(String eventId) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final ArrayDeque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private TrackingToken last;
        private long readAtHead = Long.MIN_VALUE;
        private long lastRead;
        private boolean behind;
        private Runnable callback;

        Stream(TrackingToken token) {
            this.last = token;
        }

        /**
         * Reads a batch when the last one was full (there is more behind it), when the head moved past what was
         * read, or when the refetch interval has passed.
         */
        private void fill(boolean force) {
            var now = System.nanoTime();
            if (!force && !behind && head == readAtHead && now - lastRead < refetchInterval.toNanos()) {
                return;
            }
            readAtHead = head;
            lastRead = now;
            try (var events = engine.readEvents(last, false)) {
                events.limit(batchSize).forEach(event -> {
                    var own = GlobalIndex.between(last, event.trackingToken());
                    buffer.add(GlobalIndex.tag(event, own != null ? own : indexOf(event.getIdentifier())));
                    last = event.trackingToken();
                });
            }
            behind = buffer.size() >= batchSize;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (buffer.isEmpty()) {
                fill(false);
            }
            return Optional.ofNullable(buffer.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            var deadline = System.nanoTime() + unit.toNanos(timeout);
            var force = true;
            while (buffer.isEmpty()) {
                fill(force);
                force = false;
                var remaining = deadline - System.nanoTime();
                if (!buffer.isEmpty() || remaining <= 0) {
                    break;
                }
                awaitMove(Math.min(remaining, refetchInterval.toNanos()));
            }
            return !buffer.isEmpty();
        }

        @Override
        public boolean hasNextAvailable() {
            return peek().isPresent();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // keep waiting: the caller asked for the next event, whenever it comes
            }
            return buffer.poll();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) {
                callbacks.remove(callback);
            }
            buffer.clear();
        }
    }
}
