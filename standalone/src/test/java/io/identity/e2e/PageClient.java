package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A browser without a screen for the hosted pages: it keeps its cookies, follows no redirect on its own, and posts
 * forms from the pages' own origin, as a browser on them would.
 */
final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String publicUrl;
    private final HttpClient client =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    PageClient(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(publicUrl + path)));
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        var body = new StringBuilder();
        form.forEach((name, value) -> body.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
        return send(HttpRequest.newBuilder(URI.create(publicUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", publicUrl)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Any request, with this browser's cookies. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The CSRF token a page's forms carry. */
    static String csrf(HttpResponse<String> page) {
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return matcher.group(1);
    }
}
