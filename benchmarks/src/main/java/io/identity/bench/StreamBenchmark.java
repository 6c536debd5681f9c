package io.identity.bench;

import io.identity.standalone.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event stream's figures, with both sides as separate processes against a real PostgreSQL and a real Kafka
 * broker (KRaft, in this process):
 * <ul>
 *     <li>{@code stream_backlog_drain}: events per second from the store to acknowledged in Kafka, when the
 *     publisher starts from the beginning of a store holding {@code --events} events (its token deleted, the read
 *     models already at the head): published messages over the time between the first and the last one's
 *     timestamp (taken by the producer as it sends);</li>
 *     <li>{@code stream_command_to_message}: from sending a command (a profile change) to reading its message from
 *     the topic, at a steady {@code --rate} commands per second, warm-up excluded.</li>
 * </ul>
 * Options: --runs N (3) --events N (20000) --rate N (100) --warmup S (5) --seconds S (20).
 */
public final class StreamBenchmark {

    private static final int USERS = 50;

    private StreamBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        var kafkaDir = Files.createTempDirectory("bench-kafka");
        try (var postgres = EmbeddedPostgres.builder().setPort(SetUp.freePort()).start();
                var kafka = EmbeddedKafkaBroker.start(kafkaDir, SetUp.freePort(), SetUp.freePort())) {
            var jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            var common = AppProcess.settings(jdbcUrl, "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
            var commandArgs = new ArrayList<>(common);
            // what is measured is the stream: cheaper hashing only shortens making the users, and the command
            // side's own consumers (welcome mail) are not part of the figures
            commandArgs.addAll(List.of("--identity.bcrypt-cost=10", "--identity.kafka.enabled=false"));
            try (var command = AppProcess.commandSide(commandArgs, logs)) {
                var queryArgs = new ArrayList<>(common);
                queryArgs.add("--identity.jwks-uri=" + command.url + "/.well-known/jwks.json");
                var queryPort = SetUp.freePort();
                var query = AppProcess.start(
                        "query-side", "io.identity.query.QuerySideApplication", queryPort, queryArgs, logs);
                try {
                    var tokens = Users.signedIn(
                            HttpClient.newBuilder()
                                    .version(HttpClient.Version.HTTP_1_1)
                                    .build(),
                            command.url,
                            "lat",
                            USERS);
                    EventSeed.users(jdbcUrl, "backlog", options.events());
                    StreamBacklog.awaitPublished(query);
                    var published = StreamBacklog.publishedEvents(jdbcUrl);
                    var drains = new ArrayList<Double>();
                    for (int run = 1; run <= options.runs(); run++) {
                        query.close();
                        StreamBacklog.resetPublisher(jdbcUrl);
                        var marks = StreamTopics.endOffsets(kafka.bootstrapServers());
                        query = AppProcess.start(
                                "query-side", "io.identity.query.QuerySideApplication", queryPort, queryArgs, logs);
                        drains.add(StreamBacklog.drain(kafka.bootstrapServers(), marks, published));
                        System.err.printf(
                                Locale.ROOT,
                                "drain run %d/%d: %.0f events/s%n",
                                run,
                                options.runs(),
                                drains.get(drains.size() - 1));
                    }
                    StreamBacklog.awaitPublished(query);
                    var latencies = new ArrayList<StreamLatency.Result>();
                    for (int run = 1; run <= options.runs(); run++) {
                        latencies.add(StreamLatency.run(command.url, kafka.bootstrapServers(), tokens, options));
                        System.err.printf(
                                Locale.ROOT,
                                "latency run %d/%d: %s%n",
                                run,
                                options.runs(),
                                latencies.get(latencies.size() - 1));
                    }
                    var out = new StringBuilder();
                    out.append(String.format(
                            Locale.ROOT,
                            "# cores=%d runs=%d events=%d (figures are medians)%n",
                            cores,
                            options.runs(),
                            published));
                    out.append(String.format(
                            Locale.ROOT,
                            "stream_backlog_drain %.0f events/s target>=5000 runs=%s cores=%d%n",
                            Figures.median(drains, d -> d),
                            Figures.format(drains),
                            cores));
                    out.append(String.format(
                            Locale.ROOT,
                            "stream_command_to_message p50=%.1fms p99=%.1fms "
                                    + "target p99<250ms rate=%d/s achieved=%.1f/s failures=%d runs=%s cores=%d%n",
                            Figures.median(latencies, StreamLatency.Result::p50Millis),
                            Figures.median(latencies, StreamLatency.Result::p99Millis),
                            options.rate(),
                            Figures.median(latencies, StreamLatency.Result::achievedPerSecond),
                            latencies.stream()
                                    .mapToLong(StreamLatency.Result::failures)
                                    .sum(),
                            Figures.format(latencies.stream()
                                    .map(StreamLatency.Result::p99Millis)
                                    .toList()),
                            cores));
                    Figures.report(out);
                } finally {
                    query.close();
                }
            }
        }
    }

    record Options(int runs, int events, int rate, Duration warmup, Duration measure) {

        static Options parse(String[] args) {
            var options = Arguments.parse(
                    args, Map.of("--runs", 3, "--events", 20_000, "--rate", 100, "--warmup", 5, "--seconds", 20));
            return new Options(
                    options.get("--runs"),
                    options.get("--events"),
                    options.get("--rate"),
                    options.seconds("--warmup"),
                    options.seconds("--seconds"));
        }
    }
}
