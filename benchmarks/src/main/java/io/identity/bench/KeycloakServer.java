package io.identity.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak server in production mode, as its distribution starts it, with a realm of one confidential client
 * and one user ({@link KeycloakBenchmark}).
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "bench";
    private static final String CLIENT = "bench";
    private static final String SECRET = "bench-client-secret";

    private final Process process;
    private final Path home;
    final String url;
    final Duration startup;

    private KeycloakServer(Process process, Path home, String url, Duration startup) {
        this.process = process;
        this.home = home;
        this.url = url;
        this.startup = startup;
    }

    static KeycloakServer start(Path home, Path java, String jdbcUrl, Path logs) throws Exception {
        var port = SetUp.freePort();
        var management = SetUp.freePort();
        var builder = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "start",
                        "--optimized",
                        "--http-enabled=true",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--http-management-port=" + management,
                        "--hostname-strict=false",
                        "--cache=local",
                        "--db=postgres",
                        "--db-url=" + jdbcUrl.replaceFirst("\\?.*$", ""),
                        "--db-username=postgres",
                        "--db-password=postgres")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("keycloak.log").toFile());
        builder.environment().put("JAVA_HOME", java.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        Files.createDirectories(logs);
        var began = System.nanoTime();
        var process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "keycloak-stop"));
        var url = "http://127.0.0.1:" + port;
        if (AppProcess.awaitOk(
                HttpClient.newHttpClient(),
                process,
                url + "/realms/master",
                System.nanoTime() + Duration.ofMinutes(5).toNanos(),
                Duration.ofMillis(200),
                "Keycloak stopped; see target/bench-logs/keycloak.log")) {
            return new KeycloakServer(process, home, url, Duration.ofNanos(System.nanoTime() - began));
        }
        process.destroy();
        throw new IllegalStateException("Keycloak did not start; see target/bench-logs/keycloak.log");
    }

    /** The realm, its confidential client (password and refresh grants) and the user. */
    void prepare(HttpClient http) throws Exception {
        var admin = Requests.group(
                Requests.ACCESS_TOKEN,
                Requests.send(
                        http,
                        Requests.form(
                                url + "/realms/master/protocol/openid-connect/token",
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "client_id",
                                        "admin-cli",
                                        "username",
                                        "admin",
                                        "password",
                                        "admin")),
                        200));
        Requests.send(http, adminJson("/admin/realms", admin, Map.of("realm", REALM, "enabled", true)), 201);
        Requests.send(
                http,
                adminJson(
                        "/admin/realms/" + REALM + "/clients",
                        admin,
                        Map.of(
                                "clientId",
                                CLIENT,
                                "enabled",
                                true,
                                "publicClient",
                                false,
                                "secret",
                                SECRET,
                                "directAccessGrantsEnabled",
                                true,
                                "standardFlowEnabled",
                                false)),
                201);
        Requests.send(
                http,
                adminJson(
                        "/admin/realms/" + REALM + "/users",
                        admin,
                        Map.of(
                                "username",
                                "bench",
                                "email",
                                "bench@example.com",
                                "emailVerified",
                                true,
                                "enabled",
                                true,
                                "firstName",
                                "Bench",
                                "lastName",
                                "Mark",
                                "credentials",
                                List.of(Map.of("type", "password", "value", Users.PASSWORD, "temporary", false)))),
                201);
    }

    HttpRequest passwordGrant() {
        return Requests.form(
                url + "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        CLIENT,
                        "client_secret",
                        SECRET,
                        "username",
                        "bench",
                        "password",
                        Users.PASSWORD,
                        "scope",
                        "openid"));
    }

    HttpRequest refreshGrant(String refreshToken) {
        return Requests.form(
                url + "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "client_id",
                        CLIENT,
                        "client_secret",
                        SECRET,
                        "refresh_token",
                        refreshToken));
    }

    String version() {
        return home.getFileName().toString();
    }

    double rssMiB() throws IOException {
        // kc.sh runs the JVM as its child, or replaces itself with it
        var pids = new ArrayList<Long>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        double total = 0;
        for (var pid : pids) {
            total += AppProcess.rssMiB(pid);
        }
        return total;
    }

    private HttpRequest adminJson(String path, String token, Map<String, ?> body) {
        return Requests.json(url + path, token, body);
    }

    @Override
    public void close() throws InterruptedException {
        AppProcess.stop(process, Duration.ofSeconds(30));
    }
}
