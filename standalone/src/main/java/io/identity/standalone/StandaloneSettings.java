package io.identity.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What the standalone is told, from the same places as the apps and with the same precedence: command-line
 * {@code --name=value}, then system properties, then environment variables ({@code SPRING_DATASOURCE_URL} for
 * {@code spring.datasource.url}). Read before any app exists, since it decides which servers to start for them.
 */
final class StandaloneSettings {

    private static final Logger log = LoggerFactory.getLogger(StandaloneSettings.class);
    private static final String PREFIX = "identity.standalone.";

    private final StandardEnvironment environment = new StandardEnvironment();

    StandaloneSettings(String[] args) {
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    }

    /** Whether a property is given from outside, so that the standalone must not supply its own value. */
    boolean isSet(String property) {
        var value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }

    String get(String property) {
        return environment.getProperty(property);
    }

    Path dataDir() {
        return Path.of(environment.getProperty(PREFIX + "data-dir", "target/standalone-data"))
                .toAbsolutePath()
                .normalize();
    }

    /** The app port given as {@code identity.standalone.<name>}, or null to keep the app's own. */
    Integer appPort(String name) {
        return environment.getProperty(PREFIX + name, Integer.class);
    }

    /**
     * The port given as {@code identity.standalone.<name>}, used as is; otherwise the preferred one when nothing
     * listens there, or else any free one, so that a server already running on this machine is left alone.
     */
    int serverPort(String name, int preferred) {
        var configured = environment.getProperty(PREFIX + name, Integer.class);
        if (configured != null) {
            return configured;
        }
        if (isFree(preferred)) {
            return preferred;
        }
        var port = freePort();
        log.info("Port {} is taken; using {} instead (set {} to choose)", preferred, port, PREFIX + name);
        return port;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on this machine", e);
        }
    }

    /** Servers bind with SO_REUSEADDR, so a port held only by connections in TIME_WAIT counts as free. */
    private static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
