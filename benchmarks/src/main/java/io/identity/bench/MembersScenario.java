package io.identity.bench;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    private MembersScenario() {}

    record Figures(LoadRun.Result first, LoadRun.Result deep, LoadRun.Result asOf) {}

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
        var first = Requests.get(base, token);
        var deep = Requests.get(base + "&cursor=" + URLEncoder.encode(deepCursor, StandardCharsets.UTF_8), token);
        var asOf = Requests.get(base + "&asOf=" + middle, token);
        for (var request : new HttpRequest[] {first, deep, asOf}) {
            var body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (body.split("\"userId\"", -1).length - 1 != 50) {
                throw new IllegalStateException("expected a full page of 50 members from " + request.uri());
            }
        }
        return new Figures(
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> Requests.ok(http, first)),
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> Requests.ok(http, deep)),
                LoadRun.run(options.concurrency(), options.warmup(), options.measure(), () -> Requests.ok(http, asOf)));
    }

    record Options(int concurrency, Duration warmup, Duration measure) {}

    /** Appends the users and their joins in one transaction; returns an instant with half of them joined. */
    private static Instant seed(String jdbcUrl, UUID companyId, int members) throws SQLException {
        var start = Instant.now().minusSeconds(members);
        try (var seed = EventSeed.open(jdbcUrl)) {
            var sequence = seed.nextSequence(companyId);
            for (int i = 0; i < members; i++) {
                var at = start.plusSeconds(i);
                seed.member(companyId, sequence++, seed.user("member" + i, at), at);
            }
            seed.commit();
        }
        return start.plusSeconds(members / 2L);
    }

    private static void awaitProjected(HttpClient http, String base, String token, int members) throws Exception {
        var deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        var last = Requests.get(base.replace("limit=50", "limit=1") + "&q=member" + (members - 1), token);
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
            var matcher = CURSOR.matcher(http.send(Requests.get(url, token), HttpResponse.BodyHandlers.ofString())
                    .body());
            if (!matcher.find()) {
                break;
            }
            cursor = matcher.group(1);
        }
        return cursor;
    }
}
