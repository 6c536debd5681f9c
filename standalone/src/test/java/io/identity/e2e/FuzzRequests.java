package io.identity.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Bad requests for one operation of an OpenAPI document, from a seeded generator: malformed JSON, wrong types,
 * very long strings, lone surrogates, NUL, deep nesting, odd path ids and query values, wrong content types.
 */
final class FuzzRequests {

    /** One request: method, path with its query, content type (or null), body (or null). */
    record Request(String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            var shown = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return method + " " + (path.length() > 160 ? path.substring(0, 160) + "…" : path) + " [" + contentType
                    + "] " + shown.replace("\u0000", "\\0") + (body != null && body.length > 120 ? "…" : "");
        }
    }

    static final String LONG = "x".repeat(100_000);
    private static final String[] PATH_IDS = {
        "00000000-0000-0000-0000-000000000000",
        "not-a-uuid",
        "-1",
        "0",
        "99999999999999999999999",
        "%00",
        "%ED%A0%80",
        "%F0%9F%98%80",
        "..%2F..%2Fetc%2Fpasswd",
        "%20",
        "null",
        "%27%20OR%20%271%27%3D%271",
        "a".repeat(2000),
        "1e309",
        "%E2%80%8B"
    };
    private static final String[] QUERY_VALUES = {
        "",
        "-1",
        "0",
        "2147483648",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "%00",
        "%ED%A0%80",
        "true",
        "%5B%5D",
        "%7B%7D",
        "'%20OR%201=1--",
        "a".repeat(5000),
        "+1000000000-01-01T00:00:00Z",
        "2026-13-45T99:99:99Z",
        "%FF%FE",
        "not-a-cursor",
        "=="
    };
    private static final String[] CONTENT_TYPES = {
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "multipart/mixed",
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-7",
        "application/json;;;",
        "garbage",
        "*/*",
        "application/*",
        "application/json; charset=nope",
        "application/x-ndjson",
        "image/png"
    };

    private final Random random;

    FuzzRequests(Random random) {
        this.random = random;
    }

    /** {@code count} requests for the operation (path template, method, operation), the first ones fixed. */
    List<Request> of(String template, String method, JsonNode operation, JsonNode components, int count) {
        var hasBody = operation.has("requestBody");
        var schema = hasBody
                ? resolve(
                        operation
                                .path("requestBody")
                                .path("content")
                                .path("application/json")
                                .path("schema"),
                        components)
                : null;
        var requests = new ArrayList<Request>();
        // the finding: multipart without a boundary, on every operation
        requests.add(new Request(
                method,
                path(template, operation, false),
                "multipart/form-data",
                "--x\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        requests.add(new Request(method, path(template, operation, true), "multipart/form-data; boundary=", null));
        if (hasBody) {
            requests.add(json(method, path(template, operation, false), "{"));
            requests.add(json(method, path(template, operation, false), "[".repeat(5000) + "]".repeat(5000)));
        }
        while (requests.size() < count) {
            var path = path(template, operation, random.nextInt(3) == 0);
            var kind = random.nextInt(hasBody ? 10 : 3);
            requests.add(
                    switch (kind) {
                        case 0 -> new Request(method, path, pick(CONTENT_TYPES), bytes(randomBody(schema)));
                        case 1 -> new Request(method, path, null, null);
                        case 2 -> new Request(method, path, "application/json", rawJunk());
                        default -> json(method, path, randomBody(schema));
                    });
        }
        return requests;
    }

    private static Request json(String method, String path, String body) {
        return new Request(method, path, "application/json", bytes(body));
    }

    /** The path with each {parameter} replaced, odd values more often than not, and some query values. */
    private String path(String template, JsonNode operation, boolean odd) {
        var path = template;
        var query = new StringBuilder();
        for (var parameter : operation.path("parameters")) {
            var name = parameter.path("name").asString();
            if ("path".equals(parameter.path("in").asString())) {
                path = path.replace(
                        "{" + name + "}",
                        odd || random.nextBoolean()
                                ? pick(PATH_IDS)
                                : UUID.randomUUID().toString());
            } else if ("query".equals(parameter.path("in").asString()) && random.nextInt(3) > 0) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(name)
                        .append('=')
                        .append(pick(QUERY_VALUES));
            }
        }
        return path.replaceAll("\\{[^}]*}", pick(PATH_IDS)) + query;
    }

    /** A JSON text of the body's shape with one or more fields wrong, or not JSON at all. */
    private String randomBody(JsonNode schema) {
        var fields = schema == null ? List.<String>of() : names(schema.path("properties"));
        return switch (random.nextInt(9)) {
            case 0 ->
                pick(new String[] {
                    "{",
                    "{\"a\":",
                    "nul",
                    "[1,2",
                    "{\"a\" 1}",
                    "\"unterminated",
                    "{}}",
                    "",
                    "{\"a\":1,}",
                    "{'a':1}",
                    "NaN",
                    "0x10",
                    "{\"a\":01}"
                });
            case 1 -> "[" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "]";
            case 2 -> "[]";
            case 3 -> "null";
            default -> {
                var body = new StringBuilder("{");
                for (var field : fields) {
                    if (body.length() > 1) {
                        body.append(',');
                    }
                    body.append('"').append(field).append("\":").append(value());
                }
                if (fields.isEmpty() || random.nextBoolean()) {
                    body.append(body.length() > 1 ? "," : "")
                            .append("\"unexpected\":")
                            .append(value());
                }
                yield body.append('}').toString();
            }
        };
    }

    /** A JSON value that is wrong for most fields. */
    private String value() {
        return pick(new String[] {
            "null",
            "1",
            "-1",
            "1e309",
            "123456789012345678901234567890",
            "true",
            "[]",
            "{}",
            "\"\"",
            "\"" + LONG + "\"",
            "\"" + "y".repeat(30_000) + "\"",
            "\"\\ud800\"",
            "\"\\udfff x\"",
            "\"a\\u0000b\"",
            "\"\\u0000\"",
            "[[[[[[[[[[1]]]]]]]]]]",
            "{\"a\":{\"b\":{\"c\":[1,\"x\",null]}}}",
            "\"2026-13-45T99:99:99Z\"",
            "\"not-a-uuid\"",
            "\"00000000-0000-0000-0000-000000000000\"",
            "\"<script>alert(1)</script>\"",
            "\"' OR 1=1--\"",
            "\"PUBLIC\"",
            "\"OWNER\"",
            "\"a@b\"",
            "\"\\u202e\\u200b\"",
            "-0",
            "0.5",
            "\"" + "é".repeat(40) + "\""
        });
    }

    /** Bytes that are not UTF-8, or hold NUL, or stop in the middle of a character. */
    private byte[] rawJunk() {
        return switch (random.nextInt(4)) {
            case 0 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
            case 1 -> new byte[] {'{', '"', 'a', '"', ':', '"', 0, '"', '}'};
            case 2 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3};
            default -> new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0};
        };
    }

    private static List<String> names(JsonNode properties) {
        var names = new ArrayList<String>();
        properties.propertyNames().forEach(names::add);
        return names;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components) {
        var ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return components.path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
