package io.identity.bench;

import io.identity.command.credential.PasswordHasher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Login throughput against the bcrypt limit, token-authenticated reads, start-up time and memory: both sides
 * run as separate JVMs with production settings (bcrypt cost 12) against a real PostgreSQL; the load comes from
 * this JVM over loopback, so the figures include the load generator's own CPU on the same cores.
 */
public final class Benchmark {

    static final String PASSWORD = "correct horse battery staple";
    static final String PEPPER = AppProcess.randomSecret();

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var cores = Runtime.getRuntime().availableProcessors();
        var logs = Path.of("target", "bench-logs");
        try (var postgres = EmbeddedPostgres.builder().setPort(freePort()).start()) {
            var common = AppProcess.settings(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "--identity.bcrypt-cost=12",
                    // no broker runs here: these are the HTTP sides' figures; the stream has its own benchmark
                    "--identity.kafka.enabled=false");
            try (var command = AppProcess.commandSide(common, logs)) {
                // the company owner of the members and audit runs also verifies the audit chain, as an operator,
                // who is named by user id: registered before the query side starts
                var owner = registerOwner(command);
                var queryArgs = new java.util.ArrayList<>(common);
                queryArgs.add("--identity.operators=" + owner[0]);
                try (var query = AppProcess.querySide(command, queryArgs, logs)) {
                    measure(options, cores, command, query);
                    if (options.members() > 0) {
                        members(
                                options,
                                cores,
                                command,
                                query,
                                postgres.getJdbcUrl("postgres", "postgres"),
                                UUID.fromString(owner[1]));
                    }
                }
            }
        }
    }

    /** Registers the owner of the members runs' company: its user id and the company's id. */
    private static String[] registerOwner(AppProcess command) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var registered = http.send(
                        HttpRequest.newBuilder(URI.create(command.url + "/api/v1/registrations"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"owner\",\"email\":\"owner@example.com\"," + "\"password\":\""
                                                + PASSWORD + "\",\"company\":{\"name\":\"Big\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return new String[] {
            registered.replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1"),
            registered.replaceAll(".*\"companyId\":\"([^\"]+)\".*", "$1")
        };
    }

    private static void measure(Options options, int cores, AppProcess command, AppProcess query) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var login = HttpRequest.newBuilder(URI.create(command.url + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"bench\",\"password\":\"" + PASSWORD + "\"}"))
                .build();
        var registration = http.send(
                HttpRequest.newBuilder(URI.create(command.url + "/api/v1/registrations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"bench\",\"email\":\"bench@example.com\"," + "\"password\":\""
                                        + PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(registration.statusCode() == 201, "registration: " + registration.body());
        var signedIn = http.send(login, HttpResponse.BodyHandlers.ofString());
        var token = Requests.ACCESS_TOKEN.matcher(signedIn.body());
        check(signedIn.statusCode() == 200 && token.find(), "login: " + signedIn.body());
        var position = signedIn.headers().firstValue("X-Event-Position").orElseThrow();
        var me = HttpRequest.newBuilder(URI.create(query.url + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + token.group(1))
                .GET()
                .build();
        var first = http.send(
                HttpRequest.newBuilder(me, (n, v) -> true)
                        .header("X-Min-Position", position)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(first.statusCode() == 200, "users/me: " + first.body());

        var hasher = new PasswordHasher(PEPPER, 12);
        var hash = hasher.hash(PASSWORD);
        var bcrypt = new ArrayList<LoadRun.Result>();
        var logins = new ArrayList<LoadRun.Result>();
        var loginsAtCores = new ArrayList<LoadRun.Result>();
        var reads = new ArrayList<LoadRun.Result>();
        var registrations = new ArrayList<LoadRun.Result>();
        var registered = new java.util.concurrent.atomic.AtomicLong();
        var processes = Map.of("command", command.handle(), "query", query.handle(), "client", ProcessHandle.current());
        var cpu = new java.util.TreeMap<String, String>();
        for (int run = 1; run <= options.runs(); run++) {
            bcrypt.add(LoadRun.run(cores, options.warmup(), options.measure(), () -> hasher.matches(PASSWORD, hash)));
            var share = CpuShare.of(processes);
            LoadRun.Operation signIn = () ->
                    http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            logins.add(LoadRun.run(options.hashConcurrency(), options.warmup(), options.measure(), signIn));
            cpu.put("logins run " + run, share.stop());
            // as many in flight as there are cores, the concurrency of the bcrypt-only figure
            loginsAtCores.add(LoadRun.run(cores, options.warmup(), options.measure(), signIn));
            share = CpuShare.of(processes);
            reads.add(Wrk.load(http, me, options.readConcurrency(), options.warmup(), options.measure()));
            cpu.put("users/me run " + run, share.stop());
            share = CpuShare.of(processes);
            // a new person each time: a bcrypt hash, the password rules, the events and the verification mail
            registrations.add(LoadRun.run(options.hashConcurrency(), options.warmup(), options.measure(), () -> {
                var name = "signup" + registered.incrementAndGet();
                return http.send(
                                        HttpRequest.newBuilder(URI.create(command.url + "/api/v1/registrations"))
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofString(
                                                        "{\"username\":\"" + name + "\",\"email\":\"" + name
                                                                + "@example.com\",\"password\":\"" + PASSWORD + "\"}"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 201;
            }));
            cpu.put("registrations run " + run, share.stop());
            System.err.printf(Locale.ROOT, "run %d/%d done%n", run, options.runs());
        }
        var out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "# cores=%d runs=%d warmup=%ds measure=%ds (figures are medians)%n",
                cores,
                options.runs(),
                options.warmup().toSeconds(),
                options.measure().toSeconds()));
        out.append(line("bcrypt_only_per_s", bcrypt, "1/s", cores));
        out.append(line("logins_per_s", logins, "1/s", options.hashConcurrency()));
        out.append(ratioLine("login_to_bcrypt_ratio", logins, bcrypt, "0.95", cores));
        out.append(line("logins_at_cores_per_s", loginsAtCores, "1/s", cores));
        out.append(ratioLine("login_to_bcrypt_ratio_at_cores", loginsAtCores, bcrypt, "0.9", cores));
        out.append(line("users_me_per_s", reads, "1/s", options.readConcurrency()));
        out.append(String.format(Locale.ROOT, "# users/me load from %s%n", Wrk.generator()));
        out.append(line("registrations_per_s", registrations, "1/s", options.hashConcurrency()));
        out.append(ratioLine("registration_to_bcrypt_ratio", registrations, bcrypt, "0.85", cores));
        out.append(String.format(
                Locale.ROOT, "rss_command_side %.0f MiB target<=400 cores=%d%n", command.rssMiB(), cores));
        out.append(String.format(Locale.ROOT, "rss_query_side %.0f MiB target<=400 cores=%d%n", query.rssMiB(), cores));
        out.append(String.format(
                Locale.ROOT, "startup_command_side %.1f s cores=%d%n", command.startup.toMillis() / 1000.0, cores));
        out.append(String.format(
                Locale.ROOT, "startup_query_side %.1f s cores=%d%n", query.startup.toMillis() / 1000.0, cores));
        cpu.forEach((load, shares) -> out.append(String.format(Locale.ROOT, "# cpu during %s: %s%n", load, shares)));
        // the figures are this program's output: standard output, unbuffered by any logger
        report(out);
    }

    /** Reads of a company with many members; targets: p99 under 20 ms for pages, under 100 ms as of an instant. */
    private static void members(
            Options options, int cores, AppProcess command, AppProcess query, String jdbcUrl, UUID companyId)
            throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var signedIn = http.send(
                        HttpRequest.newBuilder(URI.create(command.url + "/api/v1/auth/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"login\":\"owner\",\"password\":\"" + PASSWORD + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var token = Requests.ACCESS_TOKEN.matcher(signedIn);
        check(token.find(), "owner login: " + signedIn);
        var concurrency = 4;
        var figures = MembersScenario.run(
                jdbcUrl,
                query.url,
                token.group(1),
                companyId,
                options.members(),
                new MembersScenario.Options(concurrency, options.warmup(), options.measure()));
        var out = new StringBuilder();
        out.append(line("members_first_page_per_s", List.of(figures.first()), "1/s", concurrency));
        out.append(line("members_deep_page_per_s", List.of(figures.deep()), "1/s", concurrency));
        out.append(line("members_as_of_per_s", List.of(figures.asOf()), "1/s", concurrency));
        out.append(String.format(
                Locale.ROOT, "# members=%d; targets: page p99 < 20 ms, asOf p99 < 100 ms%n", options.members()));
        if (options.audit() > 0) {
            var audit = AuditScenario.run(
                    jdbcUrl,
                    query.url,
                    token.group(1),
                    companyId,
                    options.audit(),
                    new MembersScenario.Options(concurrency, options.warmup(), options.measure()));
            out.append(line("audit_first_page_per_s", List.of(audit.first()), "1/s", concurrency));
            out.append(line("audit_filtered_page_per_s", List.of(audit.filtered()), "1/s", concurrency));
            out.append(String.format(
                    Locale.ROOT,
                    "audit_chain_verify %.0f events/s chained=%d runs=%s cores=%d%n",
                    median(audit.verifiedPerSecond(), d -> d),
                    audit.chained(),
                    format(audit.verifiedPerSecond()),
                    cores));
            out.append(String.format(Locale.ROOT, "# audit entries=%d; target: page p99 < 50 ms%n", options.audit()));
        }
        report(out);
    }

    private static String line(String name, List<LoadRun.Result> results, String unit, int concurrency) {
        var failures = results.stream().mapToLong(LoadRun.Result::failures).sum();
        return String.format(
                Locale.ROOT,
                "%s %.1f %s p50=%.2fms p99=%.2fms concurrency=%d failures=%d runs=%s%n",
                name,
                median(results, LoadRun.Result::perSecond),
                unit,
                median(results, LoadRun.Result::p50Millis),
                median(results, LoadRun.Result::p99Millis),
                concurrency,
                failures,
                format(results.stream().map(LoadRun.Result::perSecond).toList()));
    }

    /**
     * The figures, on standard output in UTF-8: they are what a benchmark run is for, and the logs go to standard
     * error, so the figures can be kept apart from them.
     */
    static void report(CharSequence figures) {
        var stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        stdout.print(figures);
        stdout.flush();
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
        var sorted = values.stream().mapToDouble(metric).sorted().toArray();
        var middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String format(List<Double> values) {
        return values.stream()
                .map(v -> String.format(Locale.ROOT, "%.2f", v))
                .toList()
                .toString()
                .replace(" ", "");
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("set-up failed: " + what);
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * @param hashConcurrency the logins and registrations in flight: twice the cores by default, so that the hash
     *                        has work while another request is in the network or the database
     */
    record Options(
            int runs,
            Duration warmup,
            Duration measure,
            int readConcurrency,
            int hashConcurrency,
            int members,
            int audit) {

        static Options parse(String[] args) {
            var runs = 3;
            var warmup = 5;
            var seconds = 15;
            var readConcurrency = 16;
            var hashConcurrency = 2 * Runtime.getRuntime().availableProcessors();
            var members = 10_000;
            var audit = 1_000_000;
            for (int i = 0; i + 1 < args.length; i += 2) {
                var value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--runs" -> runs = value;
                    case "--warmup" -> warmup = value;
                    case "--seconds" -> seconds = value;
                    case "--read-concurrency" -> readConcurrency = value;
                    case "--hash-concurrency" -> hashConcurrency = value;
                    case "--members" -> members = value;
                    case "--audit" -> audit = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(
                    runs,
                    Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds),
                    readConcurrency,
                    hashConcurrency,
                    members,
                    audit);
        }
    }

    /** The median of each run's rate against bcrypt alone in the same run, with every run's ratio. */
    private static String ratioLine(
            String name, List<LoadRun.Result> results, List<LoadRun.Result> bcrypt, String target, int cores) {
        var ratios = new ArrayList<Double>();
        for (int i = 0; i < results.size(); i++) {
            ratios.add(results.get(i).perSecond() / bcrypt.get(i).perSecond());
        }
        return String.format(
                Locale.ROOT,
                "%s %.3f ratio target>=%s runs=%s cores=%d%n",
                name,
                median(ratios, d -> d),
                target,
                format(ratios),
                cores);
    }

    /** A pool whose threads do not keep the benchmark's JVM alive once it has printed its figures. */
    static java.util.concurrent.ExecutorService daemonPool(int threads) {
        return java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
    }
}
