package io.identity.support.test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * A browser of the hosted pages without a browser: it keeps its cookies, follows nothing by itself (each answer
 * is the test's to read), and fills a page's forms as a person would, sending every input the form has.
 */
public final class FormBrowser {

    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");
    private static final String FORM = "<form method=\"post\"";

    private final Http http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public FormBrowser(Http http) {
        this.http = http;
    }

    /** The browser's cookies, by name, as the pages set them. */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** A browser of a new person: no cookie. */
    public void forget() {
        cookies.clear();
    }

    public Http.Response get(String path) {
        return send(path, null);
    }

    /** Posts a form body ({@link #fill}). */
    public Http.Response post(String path, String form) {
        return send(path, form);
    }

    private Http.Response send(String path, String form) {
        var request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : http.base() + path));
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ")
                    .append(name)
                    .append('=')
                    .append(value));
            request.header("Cookie", header.toString());
        }
        var response = http.send(request);
        for (var set : response.raw().headers().allValues("set-cookie")) {
            var pair = set.split(";", 2)[0];
            var eq = pair.indexOf('=');
            if (pair.substring(eq + 1).isEmpty()) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return response;
    }

    /** How many forms that post the page has. */
    public static int forms(String page) {
        var count = 0;
        for (var at = page.indexOf(FORM); at >= 0; at = page.indexOf(FORM, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * The page's form that has inputs of all the given names (the first form that posts, if none has), its inputs
     * as the page gives them and the given ones filled in, as a form body.
     */
    public static String fill(String page, Map<String, String> given) {
        var start = page.indexOf(FORM);
        if (start < 0) {
            throw new IllegalStateException("the page has no form that posts");
        }
        for (var at = start; at >= 0; at = page.indexOf(FORM, at + 1)) {
            var candidate = page.substring(at, page.indexOf("</form>", at));
            if (given.keySet().stream().allMatch(name -> candidate.contains("name=\"" + name + "\""))) {
                start = at;
                break;
            }
        }
        var form = page.substring(start, page.indexOf("</form>", start));
        var values = new LinkedHashMap<String, List<String>>();
        var inputs = INPUT.matcher(form);
        while (inputs.find()) {
            values.computeIfAbsent(inputs.group(1), k -> new ArrayList<>())
                    .add(HtmlUtils.htmlUnescape(inputs.group(2)));
        }
        given.forEach((name, value) -> values.put(name, List.of(value)));
        var body = new StringBuilder();
        values.forEach((name, list) -> list.forEach(value -> body.append(body.isEmpty() ? "" : "&")
                .append(encode(name))
                .append('=')
                .append(encode(value))));
        return body.toString();
    }

    /** The parameters of a location's query, decoded. */
    public static Map<String, String> query(String location) {
        var values = new LinkedHashMap<String, String>();
        var query = URI.create(location).getRawQuery();
        if (query == null) {
            return values;
        }
        for (var pair : query.split("&")) {
            var eq = pair.indexOf('=');
            values.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A location as a path of this site, with its query. */
    public static String pathOf(String location) {
        var uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
