package io.identity.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's addresses as the pages build them: every value from a browser or an answer encoded. */
final class Urls {

    private Urls() {}

    /** An address without its trailing slashes, so that paths can be appended to it. */
    static String withoutTrailingSlashes(String url) {
        return url.replaceAll("/+$", "");
    }

    /** A value as one segment of a path or as a query parameter's value. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Name-value pairs, in order. */
    static Map<String, String> parameters(String... pairs) {
        var parameters = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return parameters;
    }

    /** The path with the parameters that have a value, encoded. */
    static String withQuery(String path, Map<String, String> parameters) {
        var parts = new ArrayList<String>();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parts.add(name + "=" + encode(value.strip()));
            }
        });
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }
}
