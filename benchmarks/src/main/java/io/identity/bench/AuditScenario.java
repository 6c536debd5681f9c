package io.identity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads of a company's audit log among {@code entries} audit entries of a thousand companies (a hundredth of them
 * the measured company's), its first page and a page filtered by type and actor; and the hash chain's
 * verification rate over the store as the run left it. The entries are written straight into the audit table,
 * below every real position: projecting a million events first would measure the projection, not the reads.
 */
final class AuditScenario {

    private static final String[] TYPES = {
        "MemberJoined", "MemberRemoved", "MemberRoleChanged", "MemberInvited", "CompanySettingsChanged"
    };

    private AuditScenario() {}

    record Figures(LoadRun.Result first, LoadRun.Result filtered, List<Double> verifiedPerSecond, long chained) {}

    static Figures run(
            String jdbcUrl, String queryUrl, String token, UUID companyId, int entries, MembersScenario.Options options)
            throws Exception {
        seed(jdbcUrl, companyId, entries);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var base = queryUrl + "/api/v1/companies/" + companyId + "/audit?limit=50";
        var first = get(base, token);
        var filtered = get(base + "&type=" + TYPES[3] + "&actor=" + actor(3), token);
        for (var request : new HttpRequest[] {first, filtered}) {
            var body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            SetUp.check(
                    body.split("\"eventId\"", -1).length - 1 == 50,
                    "a full page of 50 entries from " + request.uri() + ": " + body);
        }
        var firstRun =
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> Requests.ok(http, first));
        var filteredRun = LoadRun.run(
                options.concurrency(), options.warmup(), options.measure(), () -> Requests.ok(http, filtered));
        var chained = count(jdbcUrl, "SELECT count(*) FROM query.audit_chain");
        var verify = get(queryUrl + "/api/v1/audit/verify", token);
        var rates = new ArrayList<Double>();
        for (int run = 0; run < 3; run++) {
            var began = System.nanoTime();
            var body = http.send(verify, HttpResponse.BodyHandlers.ofString()).body();
            var seconds = (System.nanoTime() - began) / 1e9;
            SetUp.check(body.contains("\"intact\":true"), "an intact chain: " + body);
            rates.add(chained / seconds);
        }
        return new Figures(firstRun, filteredRun, rates, chained);
    }

    private static UUID actor(int i) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", i));
    }

    /** One statement: entry n belongs to the measured company when n is a multiple of 100, else to one of 999. */
    private static void seed(String jdbcUrl, UUID companyId, int entries) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var insert = connection.prepareStatement("INSERT INTO query.audit_events (position, event_id, type, "
                        + "aggregate_type, aggregate_id, actor_id, occurred_at, ip, user_agent, company_id, data) "
                        + "SELECT -1 - n, gen_random_uuid()::text, (?::text[])[1 + (n / 100) % 5], 'Company', c::text, "
                        + "('00000000-0000-4000-8000-' || lpad(((n / 100) % 10)::text, 12, '0'))::uuid, "
                        + "now() - n * interval '1 second', '127.0.0.1', 'bench', c, "
                        + "jsonb_build_object('companyId', c::text, 'n', n) "
                        + "FROM generate_series(0, ? - 1) AS n, LATERAL (SELECT CASE WHEN n % 100 = 0 THEN ?::uuid "
                        + "ELSE ('00000000-0000-4000-9000-' || lpad((n % 999)::text, 12, '0'))::uuid END AS c) AS x");
                var analyze = connection.createStatement()) {
            insert.setArray(1, connection.createArrayOf("text", TYPES));
            insert.setInt(2, entries);
            insert.setObject(3, companyId);
            insert.executeUpdate();
            analyze.execute("ANALYZE query.audit_events");
        }
    }

    private static long count(String jdbcUrl, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}
