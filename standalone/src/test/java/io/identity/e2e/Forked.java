package io.identity.e2e;

import io.identity.support.test.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An instance of one side in a JVM of its own, so that a test can kill it the way an operating system or an
 * orchestrator does: SIGKILL, no shutdown hook, no graceful anything. Its output goes to a file in the reports.
 */
final class Forked implements AutoCloseable {

    private final Process process;
    final String url;

    private Forked(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts {@code mainClass} with the test's own class path and waits until it is ready on {@code port}. */
    static Forked start(Class<?> mainClass, String[] arguments, int port) {
        return start(mainClass, arguments, port, Duration.ofSeconds(90));
    }

    /** The same, waiting up to {@code timeout}, with JVM options after the usual ones (a later one wins). */
    static Forked start(Class<?> mainClass, String[] arguments, int port, Duration timeout, String... jvmOptions) {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        try {
            var log = Path.of("target", "surefire-reports", mainClass.getSimpleName() + "-" + port + ".log");
            Files.createDirectories(log.getParent());
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var forked = new Forked(process, "http://localhost:" + port);
            var client = HttpClient.newHttpClient();
            var ready = Eventually.within(timeout, () -> {
                if (!process.isAlive()) {
                    return true;
                }
                try {
                    return client.send(
                                            HttpRequest.newBuilder(URI.create(forked.url + "/actuator/health/liveness"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
            if (!ready || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass.getSimpleName() + " did not start; see " + log);
            }
            return forked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as Ctrl-C: the process's shutdown hooks run; waits for it to end. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not stop within 90 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the process ends at once, in whatever it was doing. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
