package io.identity.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real Kafka broker in KRaft mode: one node that is both broker and controller, its log kept between runs. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Blocks until the broker is registered with its controller and serves clients. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) throws IOException {
        var logDir = dataDir.resolve("kafka");
        Files.createDirectories(logDir);
        var properties = properties(logDir, port, controllerPort);
        var configFile = dataDir.resolve("kafka.properties");
        try (var out = Files.newBufferedWriter(configFile)) {
            properties.store(out, "Written by the standalone on every start; edits are overwritten");
        }
        format(clusterId(dataDir), configFile);
        var server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties properties(Path logDir, int port, int controllerPort) {
        var properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.setProperty(
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        // a single broker cannot hold the three replicas the internal topics ask for by default
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        // no other member is ever going to join, so waiting for one only slows every consumer's start
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        properties.setProperty("log.dirs", logDir.toString());
        // the log cleaner (the compacted erasures topic) takes its de-duplication buffer from the heap it shares
        // with both apps: 128 MiB by default, for a broker of its own; a few thousand keys here need far less
        properties.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return properties;
    }

    /** The log directory is formatted for one cluster id, so the id must survive restarts along with it. */
    private static String clusterId(Path dataDir) throws IOException {
        var file = dataDir.resolve("kafka-cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        var id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    private static void format(String clusterId, Path configFile) throws IOException {
        var output = new ByteArrayOutputStream();
        int status;
        try (var out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"}, out);
        }
        var printed = output.toString(StandardCharsets.UTF_8).strip();
        if (status != 0) {
            throw new IOException("cannot format the Kafka log directory: " + printed);
        }
        log.debug("kafka-storage format: {}", printed);
    }
}
