package io.identity.bench;

import io.identity.command.credential.PasswordHasher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP figures of {@link Benchmark}: bcrypt alone, logins against it, {@code GET /api/v1/users/me} reads and
 * registrations, each run with the cores' shares; then each side's RSS and start-up time.
 */
final class HttpFigures {

    private HttpFigures() {}

    static void measure(Benchmark.Options options, int cores, AppProcess command, AppProcess query) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var login = HttpRequest.newBuilder(URI.create(command.url + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"login\":\"bench\",\"password\":\"" + Users.PASSWORD + "\"}"))
                .build();
        Users.register(http, command.url, "bench");
        var signedIn = http.send(login, HttpResponse.BodyHandlers.ofString());
        var token = Requests.ACCESS_TOKEN.matcher(signedIn.body());
        SetUp.check(signedIn.statusCode() == 200 && token.find(), "login: " + signedIn.body());
        var position = signedIn.headers().firstValue("X-Event-Position").orElseThrow();
        var me = Requests.get(query.url + "/api/v1/users/me", token.group(1));
        var first = http.send(
                HttpRequest.newBuilder(me, (n, v) -> true)
                        .header("X-Min-Position", position)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        SetUp.check(first.statusCode() == 200, "users/me: " + first.body());

        var hasher = new PasswordHasher(AppProcess.PEPPER, 12);
        var hash = hasher.hash(Users.PASSWORD);
        var bcrypt = new ArrayList<LoadRun.Result>();
        var logins = new ArrayList<LoadRun.Result>();
        var loginsAtCores = new ArrayList<LoadRun.Result>();
        var reads = new ArrayList<LoadRun.Result>();
        var registrations = new ArrayList<LoadRun.Result>();
        var registered = new AtomicLong();
        var processes = Map.of("command", command.handle(), "query", query.handle(), "client", ProcessHandle.current());
        var cpu = new TreeMap<String, String>();
        for (int run = 1; run <= options.runs(); run++) {
            bcrypt.add(LoadRun.run(
                    cores, options.warmup(), options.measure(), () -> hasher.matches(Users.PASSWORD, hash)));
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
                                                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                                                        + "\",\"email\":\"" + name + "@example.com\",\"password\":\""
                                                        + Users.PASSWORD + "\"}"))
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
        out.append(Figures.line("bcrypt_only_per_s", bcrypt, "1/s", cores));
        out.append(Figures.line("logins_per_s", logins, "1/s", options.hashConcurrency()));
        out.append(ratioLine("login_to_bcrypt_ratio", logins, bcrypt, "0.95", cores));
        out.append(Figures.line("logins_at_cores_per_s", loginsAtCores, "1/s", cores));
        out.append(ratioLine("login_to_bcrypt_ratio_at_cores", loginsAtCores, bcrypt, "0.9", cores));
        out.append(Figures.line("users_me_per_s", reads, "1/s", options.readConcurrency()));
        out.append(String.format(Locale.ROOT, "# users/me load from %s%n", Wrk.generator()));
        out.append(Figures.line("registrations_per_s", registrations, "1/s", options.hashConcurrency()));
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
        Figures.report(out);
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
                Figures.median(ratios, d -> d),
                target,
                Figures.format(ratios),
                cores);
    }
}
