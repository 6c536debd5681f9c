package io.identity.e2e;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** The mail the SMTP server received, as the end-to-end tests read it. */
final class Mails {

    private Mails() {
    }

    /** Every mail to an address, in the order it came. */
    static List<MimeMessage> to(GreenMail mail, String address) {
        return to(mail, address, "");
    }

    /** The mails to an address whose subject starts so, in the order they came. */
    static List<MimeMessage> to(GreenMail mail, String address, String subjectStart) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return message.getSubject().startsWith(subjectStart)
                        && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
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
