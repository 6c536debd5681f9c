package io.identity.bench;

import java.net.http.HttpClient;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code stream_backlog_drain} of {@link StreamBenchmark}: the publisher made to start again from the first event of
 * the store, and the rate at which its messages reach the topics.
 */
final class StreamBacklog {

    private StreamBacklog() {}

    /** Waits until the query side reports that the brokers have acknowledged every event of the store. */
    static void awaitPublished(AppProcess query) throws Exception {
        var http = HttpClient.newHttpClient();
        var deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (query.metrics(http)
                    .lines()
                    .anyMatch(line -> line.startsWith("identity_stream_lag_events") && line.endsWith(" 0.0"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the publisher did not catch up; see target/bench-logs/query-side.log");
    }

    /** The events the publisher sends: all but the mail outbox's own. */
    static long publishedEvents(String jdbcUrl) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var count = connection.prepareStatement("SELECT count(*) FROM events.domain_event_entry "
                        + "WHERE payload_type NOT LIKE 'io.identity.events.mail.%'");
                var rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The publisher starts again from the first event; the read models keep their place. */
    static void resetPublisher(String jdbcUrl) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var delete =
                        connection.prepareStatement("DELETE FROM query.token_entry WHERE processor_name = 'stream'")) {
            SetUp.check(delete.executeUpdate() > 0, "the publisher's tokens");
        }
    }

    /** Reads what the restarted publisher sends after the marks; its rate by the producer's own timestamps. */
    static double drain(String brokers, Map<TopicPartition, Long> marks, long expected) {
        try (var consumer = StreamTopics.consumer(brokers)) {
            consumer.assign(marks.keySet());
            marks.forEach(consumer::seek);
            long count = 0;
            var first = Long.MAX_VALUE;
            var last = Long.MIN_VALUE;
            var deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    count++;
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                }
            }
            SetUp.check(count >= expected, "drained " + count + " of " + expected + " events");
            return count * 1000.0 / Math.max(1, last - first);
        }
    }
}
