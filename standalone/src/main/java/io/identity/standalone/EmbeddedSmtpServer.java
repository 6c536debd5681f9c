package io.identity.standalone;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server that accepts every message and keeps it in memory, so that no mail leaves the machine; the
 * {@link MailInbox} shows them.
 */
final class EmbeddedSmtpServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final int port;

    private EmbeddedSmtpServer(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    static EmbeddedSmtpServer start(int port) {
        var greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new EmbeddedSmtpServer(greenMail, port);
    }

    int port() {
        return port;
    }

    /** Every mail received so far, in the order it came. */
    MimeMessage[] messages() {
        return greenMail.getReceivedMessages();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
