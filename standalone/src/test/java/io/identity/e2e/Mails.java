package io.identity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.identity.support.test.Eventually;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The mail the SMTP server received, as the end-to-end tests read it. */
final class Mails {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://\\S+/invitations/([A-Za-z0-9_-]+)");

    private Mails() {}

    /** Every mail to an address, in the order it came. */
    static List<MimeMessage> to(GreenMail mail, String address) {
        return to(mail, address, "");
    }

    /** The mails to an address whose subject starts so, in the order they came. */
    static List<MimeMessage> to(GreenMail mail, String address, String subjectStart) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getSubject().startsWith(subjectStart)
                                && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                        .anyMatch(to -> to.toString().equalsIgnoreCase(address));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /**
     * The tokens of the invitation links mailed to an address, oldest first, once at least {@code count} came (the
     * links reach only the invitee's mailbox: no answer of the API holds them).
     */
    static List<String> invitationTokens(GreenMail mail, String address, int count) {
        assertThat(Eventually.within(
                        Duration.ofSeconds(20),
                        () -> invitationTokensIn(mail, address).size() >= count))
                .as("%d invitation mails to %s", count, address)
                .isTrue();
        return invitationTokensIn(mail, address);
    }

    /** The token of the newest invitation link mailed to an address, waiting for the first. */
    static String invitationToken(GreenMail mail, String address) {
        var tokens = invitationTokens(mail, address, 1);
        return tokens.get(tokens.size() - 1);
    }

    private static List<String> invitationTokensIn(GreenMail mail, String address) {
        var tokens = new ArrayList<String>();
        for (var message : to(mail, address)) {
            var link = INVITATION_LINK.matcher(text(message));
            if (link.find()) {
                tokens.add(link.group(1));
            }
        }
        return tokens;
    }

    /** Every text part of a mail (plain and HTML), however deeply nested. */
    static String text(Part part) {
        try {
            var content = part.getContent();
            if (content instanceof Multipart multipart) {
                var all = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    all.append(text(multipart.getBodyPart(i)));
                }
                return all.toString();
            }
            return content instanceof String string ? string : "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
