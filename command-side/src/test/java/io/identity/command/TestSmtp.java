package io.identity.command;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.identity.support.test.Eventually;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One real SMTP server (GreenMail) for every command-side test in the JVM, on a port fixed at start so that a
 * test can take it away and bring it back where the application expects it.
 */
public final class TestSmtp {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = freePort();
    private static final GreenMail SERVER = new GreenMail(new ServerSetup(PORT, HOST, ServerSetup.PROTOCOL_SMTP));

    static {
        SERVER.start();
    }

    private TestSmtp() {}

    /** An outage: connections are refused until {@link #start()}. What was received so far is forgotten. */
    public static void stop() {
        SERVER.stop();
    }

    public static void start() {
        SERVER.start();
    }

    public static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(m -> isFor(m, address))
                .toList();
    }

    /** Waits until {@code address} has received {@code count} messages and returns them, oldest first. */
    public static List<MimeMessage> awaitMessages(String address, int count) {
        if (!Eventually.within(Duration.ofSeconds(20), () -> messagesTo(address).size() >= count)) {
            throw new AssertionError("expected " + count + " mails to " + address + ", got "
                    + messagesTo(address).size());
        }
        return messagesTo(address);
    }

    /** The token of the verification link in a mail's plain-text part. */
    public static String verificationToken(MimeMessage message) {
        return linkToken(message, "/verify-email");
    }

    /** The token of a link to {@code path} ({@code ?token=…}) in a mail's plain-text part. */
    public static String linkToken(MimeMessage message, String path) {
        var matcher = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)")
                .matcher(part(message, "text/plain"));
        if (!matcher.find()) {
            throw new AssertionError("no link to " + path + " in the mail");
        }
        return matcher.group(1);
    }

    /** The decoded body of the first part of a MIME type, such as {@code text/plain} or {@code text/html}. */
    public static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    var found = part(multipart.getBodyPart(i), mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            var to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
