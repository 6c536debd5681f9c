package io.identity.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A company of many members, read: the first page, a deep page and the membership as of an instant. The members
 * are appended to the event store directly (their registrations and joins, as the aggregates would record them),
 * since thousands of sign-ups at bcrypt cost 12 would measure bcrypt, not reads; the query side projects them as
 * it projects any event.
 */
final class MembersScenario {

    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

    private MembersScenario() {
    }

    record Figures(LoadRun.Result first, LoadRun.Result deep, LoadRun.Result asOf) {
    }

    static Figures run(String jdbcUrl, String queryUrl, String token, UUID companyId, int members, Options options)
            throws Exception {
        var middle = seed(jdbcUrl, companyId, members);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var base = queryUrl + "/api/v1/companies/" + companyId + "/members?limit=50";
        awaitProjected(http, base, token, members);
        var deepCursor = walk(http, base, token, members * 9 / 10);
        if (deepCursor == null) {
            throw new IllegalStateException("no deep page to read");
        }
        var first = get(base, token);
        var deep = get(base + "&cursor=" + URLEncoder.encode(deepCursor, StandardCharsets.UTF_8), token);
        var asOf = get(base + "&asOf=" + middle, token);
        for (var request : new HttpRequest[]{first, deep, asOf}) {
            var body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (body.split("\"userId\"", -1).length - 1 != 50) {
                throw new IllegalStateException("expected a full page of 50 members from " + request.uri());
            }
        }
        return new Figures(
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> ok(http, first)),
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> ok(http, deep)),
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> ok(http, asOf)));
    }

    record Options(int concurrency, Duration warmup, Duration measure) {
    }

    /** Appends the users and their joins in one transaction; returns an instant with half of them joined. */
    private static Instant seed(String jdbcUrl, UUID companyId, int members) throws SQLException {
        var start = Instant.now().minusSeconds(members);
        try (var connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setAutoCommit(false);
            long sequence;
            try (var next = connection.prepareStatement("SELECT max(sequence_number) + 1 FROM events.domain_event_entry "
                    + "WHERE aggregate_identifier = ?")) {
                next.setString(1, companyId.toString());
                try (var rs = next.executeQuery()) {
                    rs.next();
                    sequence = rs.getLong(1);
                }
            }
            try (var insert = connection.prepareStatement("INSERT INTO events.domain_event_entry (event_identifier, "
                    + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, "
                    + "payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, '1', ?, ?)")) {
                for (int i = 0; i < members; i++) {
                    var userId = UUID.randomUUID();
                    var at = start.plusSeconds(i);
                    var name = "member" + i;
                    add(insert, userId.toString(), 0, "User", at, "io.identity.events.user.UserRegistered",
                            "{\"userId\":\"" + userId + "\",\"username\":\"" + name + "\",\"email\":\"" + name
                                    + "@example.com\",\"passwordHash\":\"-\",\"displayName\":\"Member " + i
                                    + "\",\"method\":\"PASSWORD\",\"registeredAt\":\"" + at + "\"}");
                    add(insert, companyId.toString(), sequence++, "Company", at,
                            "io.identity.events.company.MemberJoined", "{\"companyId\":\"" + companyId
                                    + "\",\"userId\":\"" + userId + "\",\"role\":\"MEMBER\",\"joinedAt\":\"" + at + "\"}");
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        return start.plusSeconds(members / 2L);
    }

    private static void add(java.sql.PreparedStatement insert, String aggregate, long sequence, String type,
                            Instant at, String payloadType, String payload) throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregate);
        insert.setLong(3, sequence);
        insert.setString(4, type);
        insert.setString(5, at.toString());
        insert.setString(6, payloadType);
        insert.setBytes(7, payload.getBytes(StandardCharsets.UTF_8));
        insert.setBytes(8, "{}".getBytes(StandardCharsets.UTF_8));
        insert.addBatch();
    }

    private static void awaitProjected(HttpClient http, String base, String token, int members) throws Exception {
        var deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        var last = get(base.replace("limit=50", "limit=1") + "&q=member" + (members - 1), token);
        while (System.nanoTime() < deadline) {
            var body = http.send(last, HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("member" + (members - 1))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the members were not projected in time");
    }

    /** Follows the cursor until about {@code depth} members were passed; returns the cursor there. */
    private static String walk(HttpClient http, String base, String token, int depth) throws Exception {
        String cursor = null;
        for (int passed = 0; passed < depth; passed += 50) {
            var url = base + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            var matcher = CURSOR.matcher(http.send(get(url, token), HttpResponse.BodyHandlers.ofString()).body());
            if (!matcher.find()) {
                break;
            }
            cursor = matcher.group(1);
        }
        return cursor;
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static boolean ok(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

}
