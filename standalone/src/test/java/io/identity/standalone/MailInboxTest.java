package io.identity.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The standalone's inbox shows the caught mails, newest first, with their links to follow, and nothing else. */
class MailInboxTest {

    private EmbeddedSmtpServer smtp;
    private MailInbox inbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        smtp = EmbeddedSmtpServer.start(StandaloneSettings.freePort());
        inbox = MailInbox.start(StandaloneSettings.freePort(), smtp::messages);
    }

    @AfterEach
    void stop() {
        inbox.close();
        smtp.close();
    }

    @Test
    void itListsTheMailsAndShowsEachWithItsLinksOnLoopbackOnly() throws Exception {
        send(
                "ada@example.com",
                "Verify your address",
                "Open http://localhost:8081/verify-email?token=abc&x=1 now.",
                "<p>Open <a href=\"http://localhost:8081/verify-email?token=abc\">this</a></p><script>alert(1)</script>");
        send("bob@example.com", "Welcome <Bob>", "Hello", null);

        assertThat(inbox.url())
                .startsWith("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":");
        var list = get("");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'");
        assertThat(list.body())
                .contains("Verify your address")
                .contains("Welcome &lt;Bob&gt;")
                .doesNotContain("<Bob>");
        assertThat(list.body().indexOf("Welcome"))
                .as("newest first")
                .isLessThan(list.body().indexOf("Verify"));

        var mails = JsonMapper.builder().build().readTree(get("api/messages").body());
        assertThat(mails.size()).isEqualTo(2);
        assertThat(mails.get(1).path("to").get(0).asString()).isEqualTo("ada@example.com");
        assertThat(mails.get(1).path("text").asString()).contains("/verify-email?token=abc");
        var id = mails.get(1).path("id").asInt();

        var page = get("messages/" + id).body();
        assertThat(page)
                .contains("<a href=\"http://localhost:8081/verify-email?token=abc&amp;x=1\">")
                .as("the mail's HTML only inside a sandbox, escaped")
                .contains("<iframe sandbox=")
                .doesNotContain("<script>")
                .contains("&lt;script&gt;");
        assertThat(get("messages/99").statusCode()).isEqualTo(404);
        assertThat(get("nothing").statusCode()).isEqualTo(404);
        var post = http.send(
                HttpRequest.newBuilder(URI.create(inbox.url()))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("read-only").isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(inbox.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void send(String to, String subject, String text, String html) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", EmbeddedSmtpServer.HOST);
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        if (html == null) {
            message.setText(text);
        } else {
            var parts = new MimeMultipart("alternative");
            var plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            var rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=UTF-8");
            parts.addBodyPart(plain);
            parts.addBodyPart(rich);
            message.setContent(parts);
        }
        Transport.send(message);
    }
}
