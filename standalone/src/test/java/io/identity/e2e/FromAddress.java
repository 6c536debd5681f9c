package io.identity.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests sent from a chosen loopback address (127.0.0.2, 127.0.0.3…): browsers at different addresses
 * as the server sees them (its socket peer), with no proxy header a server could be told to trust.
 */
final class FromAddress {

    /** An answer: status, headers as sent, body. */
    record Answer(int status, String head, String body) {}

    private final String local;
    private final int port;

    FromAddress(String local, int port) {
        this.local = local;
        this.port = port;
    }

    /** A form posted with the CSRF cookie and field a browser would have (the pages' check needs no more). */
    Answer form(String path, Map<String, String> fields) {
        var csrf = "c".repeat(43);
        var body = new StringBuilder("_csrf=" + csrf);
        fields.forEach((name, value) ->
                body.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return send(
                "POST",
                path,
                "Content-Type: application/x-www-form-urlencoded\r\nCookie: identity_csrf=" + csrf + "\r\n",
                body.toString());
    }

    /** JSON posted straight to the API, with any extra header lines ("Name: value\r\n"). */
    Answer json(String path, String extraHeaders, String json) {
        return send("POST", path, "Content-Type: application/json\r\n" + extraHeaders, json);
    }

    /** Any request, with a JSON body or none ({@code null}), and any extra header lines ("Name: value\r\n"). */
    Answer request(String method, String path, String extraHeaders, String json) {
        return send(
                method,
                path,
                (json == null ? "" : "Content-Type: application/json\r\n") + extraHeaders,
                json == null ? "" : json);
    }

    private Answer send(String method, String path, String headers, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20000);
            var request = method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                    + headers + "Content-Length: " + bytes.length + "\r\n\r\n";
            var out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            var all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            var text = all.toString(StandardCharsets.UTF_8);
            var split = text.indexOf("\r\n\r\n");
            var head = split < 0 ? text : text.substring(0, split);
            var content = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                content = unchunked(content);
            }
            return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chunked body's chunks joined (the sizes count bytes; the bodies here are ASCII JSON). */
    private static String unchunked(String chunked) {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.length()) {
            var end = chunked.indexOf("\r\n", at);
            var size = Integer.parseInt(chunked.substring(at, end).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
        return body.toString();
    }

    static Map<String, String> fields(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
