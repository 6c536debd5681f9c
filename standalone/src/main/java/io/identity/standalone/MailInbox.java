package io.identity.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone's inbox: a read-only view, in the browser, of the mails the embedded SMTP server caught (newest
 * first; each with its text and HTML parts, links clickable), and the same as JSON at {@code /api/messages} for
 * scripts. It listens on the loopback address only, and is part of the standalone alone, never of either side. The
 * pages that say a mail is on its way link to it ({@code identity.console.mail-inbox-url}).
 */
public final class MailInbox implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final Supplier<MimeMessage[]> messages;
    private final JsonMapper json = JsonMapper.builder().build();

    private MailInbox(HttpServer server, Supplier<MimeMessage[]> messages) {
        this.server = server;
        this.messages = messages;
    }

    /** Serves the mails {@code messages} gives (every mail received so far, oldest first), on loopback. */
    public static MailInbox start(int port, Supplier<MimeMessage[]> messages) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            var inbox = new MailInbox(server, messages);
            server.createContext("/", inbox::handle);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mail inbox on port " + port, e);
        }
    }

    /** The address it answers on: {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/";
    }

    /** One caught mail as the inbox shows it; {@code id} is its place in the order the server received them. */
    record Mail(int id, String from, List<String> to, String subject, Instant receivedAt, String text, String html) {}

    List<Mail> mails() {
        var all = messages.get();
        var mails = new ArrayList<Mail>();
        for (int i = all.length - 1; i >= 0; i--) {
            mails.add(read(i, all[i]));
        }
        return mails;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "Only GET: the inbox is read-only.");
            } else if ("/".equals(path)) {
                respond(exchange, 200, "text/html", list(mails()));
            } else if ("/api/messages".equals(path)) {
                respond(exchange, 200, "application/json", json.writeValueAsString(mails()));
            } else if (path.matches("/messages/\\d{1,9}")) {
                var id = Integer.parseInt(path.substring("/messages/".length()));
                var found = mails().stream().filter(mail -> mail.id() == id).findFirst();
                if (found.isPresent()) {
                    respond(exchange, 200, "text/html", page(found.get()));
                } else {
                    respond(exchange, 404, "text/plain", "No such mail.");
                }
            } else {
                respond(exchange, 404, "text/plain", "Not found.");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String list(List<Mail> mails) {
        var rows = new StringBuilder();
        for (var mail : mails) {
            rows.append("<tr><td>")
                    .append(escape(String.join(", ", mail.to())))
                    .append("</td><td><a href=\"/messages/")
                    .append(mail.id())
                    .append("\">")
                    .append(escape(mail.subject()))
                    .append("</a></td><td>")
                    .append(mail.receivedAt())
                    .append("</td></tr>");
        }
        return layout(
                "Mail inbox",
                "<h1>Mail inbox</h1><p>The mails the standalone sent, newest first "
                        + "(<a href=\"/api/messages\">as JSON</a>). Nothing here leaves this machine.</p>"
                        + (mails.isEmpty()
                                ? "<p>No mail yet.</p>"
                                : "<table><thead><tr><th>To</th><th>Subject</th><th>Received</th></tr></thead><tbody>"
                                        + rows + "</tbody></table>"));
    }

    private static String page(Mail mail) {
        var body = new StringBuilder("<p><a href=\"/\">All mails</a></p><h1>")
                .append(escape(mail.subject()))
                .append("</h1><dl><dt>From</dt><dd>")
                .append(escape(mail.from()))
                .append("</dd><dt>To</dt><dd>")
                .append(escape(String.join(", ", mail.to())))
                .append("</dd><dt>Received</dt><dd>")
                .append(mail.receivedAt())
                .append("</dd></dl>");
        if (mail.html() != null) {
            // the mail's own HTML, in a sandbox without scripts; its links open in this window
            body.append("<h2>HTML</h2><iframe sandbox=\"allow-top-navigation-by-user-activation allow-popups\" "
                            + "title=\"The mail as HTML\" srcdoc=\"")
                    .append(escape("<base target=\"_top\">" + mail.html()))
                    .append("\"></iframe>");
        }
        if (mail.text() != null) {
            body.append("<h2>Text</h2><pre>")
                    .append(linked(escape(mail.text())))
                    .append("</pre>");
        }
        return layout(mail.subject(), body.toString());
    }

    private static String layout(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}"
                + "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px "
                + "solid #ddd}iframe{width:100%;height:24rem;border:1px solid #ddd}pre{white-space:pre-wrap}"
                + "</style></head><body>" + body + "</body></html>";
    }

    /** Text already escaped, with each address in it made a link. */
    private static String linked(String escaped) {
        return LINK.matcher(escaped)
                .replaceAll(match ->
                        Matcher.quoteReplacement("<a href=\"" + match.group() + "\">" + match.group() + "</a>"));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static Mail read(int id, MimeMessage message) {
        try {
            var parts = new LinkedHashMap<String, String>();
            collect(message, parts);
            var received = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
            return new Mail(
                    id,
                    addresses(message.getFrom()).stream().findFirst().orElse(""),
                    addresses(message.getRecipients(Message.RecipientType.TO)),
                    message.getSubject(),
                    received == null ? null : received.toInstant(),
                    parts.get("text/plain"),
                    parts.get("text/html"));
        } catch (MessagingException | IOException e) {
            return new Mail(
                    id,
                    "",
                    List.of(),
                    "(a mail that cannot be read: " + e.getClass().getSimpleName() + ")",
                    null,
                    null,
                    null);
        }
    }

    /** The first text and HTML parts, however deep in the mail's multiparts. */
    private static void collect(Part part, Map<String, String> parts) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            parts.putIfAbsent(
                    part.isMimeType("text/plain") ? "text/plain" : "text/html",
                    part.getContent().toString());
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(Address::toString).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
