package io.identity.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One side of the service in its own JVM, with production settings, as an operator would run it. */
final class AppProcess implements AutoCloseable {

    /** The JVM settings the benchmark (and the compose file) run each side with. */
    static final List<String> JVM = List.of(
            "-Xms64m",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-XX:MaxMetaspaceSize=160m",
            "-XX:ReservedCodeCacheSize=64m",
            "-Daxoniq.update-checker.disabled=true");

    private final Process process;
    private final String name;
    final String url;
    final Duration startup;

    private AppProcess(Process process, String name, String url, Duration startup) {
        this.process = process;
        this.name = name;
        this.url = url;
        this.startup = startup;
    }

    /** The pepper of this benchmark's apps, made anew by every run of the benchmark, as its database is. */
    static final String PEPPER = randomSecret();
    /** The master key of the apps' signing keys, made anew by every run. */
    private static final String TOKENS_MASTER_KEY = randomSecret();
    /** The master key of the personal data keys, made anew by every run. */
    private static final String PERSONAL_DATA_MASTER_KEY = randomSecret();

    /**
     * The settings every benchmarked app gets: the database, the pepper and master keys (the apps refuse to start
     * without them), quiet logs, and no per-IP limits (all load comes from one address; they would measure the
     * limiter, not the service); then the extra.
     */
    static List<String> settings(String jdbcUrl, String... extra) {
        var all = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--identity.pepper=" + PEPPER,
                "--identity.tokens.master-key=" + TOKENS_MASTER_KEY,
                "--identity.personal-data.master-key=" + PERSONAL_DATA_MASTER_KEY,
                "--logging.level.root=warn",
                "--identity.rate-limits.enabled=false"));
        all.addAll(List.of(extra));
        return all;
    }

    /** 48 random bytes in base64, as {@code openssl rand -base64 48} makes them. */
    static String randomSecret() {
        var bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The command side on a free port. */
    static AppProcess commandSide(List<String> settings, Path logs) throws IOException, InterruptedException {
        return start("command-side", "io.identity.command.CommandSideApplication", SetUp.freePort(), settings, logs);
    }

    /** The query side on a free port, taking its signing keys from the command side. */
    static AppProcess querySide(AppProcess command, List<String> settings, Path logs)
            throws IOException, InterruptedException {
        var args = new ArrayList<>(settings);
        args.add("--identity.jwks-uri=" + command.url + "/.well-known/jwks.json");
        return start("query-side", "io.identity.query.QuerySideApplication", SetUp.freePort(), args, logs);
    }

    static AppProcess start(String name, String mainClass, int port, List<String> args, Path logs)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(java());
        command.addAll(JVM);
        var profiles = System.getenv("BENCH_JFR");
        if (profiles != null && !profiles.isBlank()) {
            // a flight recording of each app, for the profile behind a figure (jfr print, JDK Mission Control)
            Files.createDirectories(Path.of(profiles));
            // deep enough for a request's whole stack, from the socket to the driver (the default keeps 64 frames)
            command.add("-XX:FlightRecorderOptions=stackdepth=256");
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(profiles, name + "-" + port + ".jfr").toAbsolutePath());
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add("--server.port=" + port);
        if (mainClass.equals("io.identity.query.QuerySideApplication")) {
            // the class path is the command side's too, Spring Security included
            command.add(io.identity.standalone.Standalone.QUERY_SIDE_WITHOUT_SECURITY);
        }
        command.addAll(args);
        Files.createDirectories(logs);
        var log = logs.resolve(name + ".log").toFile();
        var began = System.nanoTime();
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        // a benchmark stopped early (Ctrl-C, a kill) takes its apps with it instead of leaving them running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, name + "-stop"));
        var url = "http://127.0.0.1:" + port;
        var app = new AppProcess(process, name, url, Duration.ZERO);
        app.awaitHealthy(Duration.ofMinutes(3));
        return new AppProcess(process, name, url, Duration.ofNanos(System.nanoTime() - began));
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitOk(
                HttpClient.newHttpClient(),
                process,
                url + "/actuator/health/readiness",
                deadline,
                Duration.ofMillis(200),
                name + " exited; see its log")) {
            throw new IllegalStateException(name + " did not become ready in " + timeout);
        }
    }

    /** This JVM's own {@code java}, which every process the benchmarks start runs on. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Asks for {@code url} every {@code poll} until it answers 200 (true) or the deadline ({@link System#nanoTime})
     * passes (false); a process that exits meanwhile ends the wait with {@code exited} as the error.
     */
    static boolean awaitOk(HttpClient http, Process process, String url, long deadline, Duration poll, String exited)
            throws InterruptedException {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(exited);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(poll.toMillis());
        }
        return false;
    }

    /** The app's metrics as Prometheus reads them. */
    String metrics(HttpClient http) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Resident set size in MiB, from the kernel's view of the process. */
    double rssMiB() throws IOException {
        return rssMiB(process.pid());
    }

    /**
     * The command that starts the standalone (both apps, PostgreSQL, Kafka and SMTP in one JVM) with {@code jvm}
     * options, on {@code data}, its apps on the given ports and every other server on a free one; then the extra.
     */
    static List<String> standalone(List<String> jvm, Path data, int commandPort, int queryPort, String... extra)
            throws IOException {
        var command = new ArrayList<>(List.of(java()));
        command.addAll(jvm);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.identity.standalone.Standalone",
                "--identity.standalone.data-dir=" + data,
                "--identity.standalone.command-side-port=" + commandPort,
                "--identity.standalone.query-side-port=" + queryPort,
                "--identity.standalone.postgres-port=" + SetUp.freePort(),
                "--identity.standalone.kafka-port=" + SetUp.freePort(),
                "--identity.standalone.smtp-port=" + SetUp.freePort(),
                "--identity.standalone.inbox-port=" + SetUp.freePort()));
        command.addAll(List.of(extra));
        return command;
    }

    /** Resident set size in MiB of any process. */
    static double rssMiB(long pid) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    @Override
    public void close() throws InterruptedException {
        stop(process, Duration.ofSeconds(20));
    }

    /** Stops a process as Ctrl-C would; killed if it has not ended within {@code grace}. */
    static void stop(Process process, Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
