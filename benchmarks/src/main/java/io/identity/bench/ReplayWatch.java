package io.identity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link ReplayBenchmark} times a query side: its projections' lags as its metrics give them, while it replays
 * from the first event; and an operator's rebuild of the users model until it is switched in.
 */
final class ReplayWatch {

    private static final Pattern LAG =
            Pattern.compile("^identity_projection_lag_events\\{processor=\"([^\"]+)\"[^}]*} (\\S+)$");

    private ReplayWatch() {}

    /** The users projection's events per second, and the seconds until every projection was at the head. */
    record Replayed(double usersPerSecond, double fullSeconds) {}

    /**
     * Watches a query side replay from the first event: the users projection's rate from the first reading of its
     * lag to none, and the seconds from {@code began} (the instance's start) until every projection is at the head.
     */
    static Replayed replayed(AppProcess query, long began) throws Exception {
        var http = HttpClient.newHttpClient();
        Double firstLag = null;
        long firstAt = 0;
        Double usersDoneAt = null;
        var deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            var lags = lags(http, query);
            var now = System.nanoTime();
            var users = lags.get("users");
            if (users != null && firstLag == null) {
                firstLag = users;
                firstAt = now;
            }
            if (users != null && users == 0 && usersDoneAt == null) {
                usersDoneAt = (now - firstAt) / 1e9;
            }
            if (!lags.isEmpty() && lags.values().stream().allMatch(lag -> lag == 0)) {
                var usersRate = firstLag / Math.max(usersDoneAt, 1e-3);
                return new Replayed(usersRate, (now - began) / 1e9);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the projections did not catch up; see target/bench-logs/query-side.log");
    }

    /** The users model's rebuild on a running instance: events of the store per second until it is switched in. */
    static double rebuilt(AppProcess query, String operator) throws Exception {
        var http = HttpClient.newHttpClient();
        var path = URI.create(query.url + "/api/v1/admin/projections/users/rebuild");
        var began = System.nanoTime();
        var started = http.send(
                HttpRequest.newBuilder(path)
                        .header("Authorization", operator)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild: " + started.statusCode() + " " + started.body());
        }
        var head = Pattern.compile("\"head\":(\\d+)").matcher(started.body());
        if (!head.find()) {
            throw new IllegalStateException("rebuild: " + started.body());
        }
        var deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            var state = http.send(
                            HttpRequest.newBuilder(path)
                                    .header("Authorization", operator)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (state.contains("\"SWITCHED\"")) {
                return Long.parseLong(head.group(1)) / ((System.nanoTime() - began) / 1e9);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the rebuild did not finish; see target/bench-logs/query-side.log");
    }

    private static Map<String, Double> lags(HttpClient http, AppProcess query) throws Exception {
        var lags = new HashMap<String, Double>();
        query.metrics(http)
                .lines()
                .map(LAG::matcher)
                .filter(Matcher::matches)
                .forEach(m -> lags.put(m.group(1), Double.parseDouble(m.group(2))));
        return lags;
    }
}
