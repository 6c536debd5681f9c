package io.identity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** The requests the benchmarks send to set up what they measure, and what they read from the answers. */
final class Requests {

    static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Requests() {}

    static HttpResponse<String> send(HttpClient http, HttpRequest request, int expected)
            throws IOException, InterruptedException {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        SetUp.check(
                response.statusCode() == expected,
                request.uri() + ": " + response.statusCode() + " " + response.body());
        return response;
    }

    /** Whether the request was answered 200; the body is not read. */
    static boolean ok(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    static HttpResponse<String> sendUnchecked(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String group(Pattern pattern, HttpResponse<String> response) {
        var matcher = pattern.matcher(response.body());
        SetUp.check(matcher.find(), "no " + pattern + " in " + response.body());
        return matcher.group(1);
    }

    static HttpRequest json(String url, Map<String, ?> body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    static HttpRequest form(String url, Map<String, String> fields) {
        var body = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A JSON request with a bearer token. */
    static HttpRequest json(String url, String token, Map<String, ?> body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    /** A GET with a bearer token. */
    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    /** A change of the token's user's profile ({@code PATCH /api/v1/users/me/profile}): a command that hashes nothing. */
    static HttpRequest profileChange(String commandUrl, String token, String json) {
        return HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/users/me/profile"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** The {@code n}-th change of the token's user's bio. */
    static HttpRequest bioChange(String commandUrl, String token, long n) {
        return profileChange(commandUrl, token, "{\"bio\":\"change " + n + "\"}");
    }
}
