package io.identity.command.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A mail to queue: which template, for whom, in which language.
 *
 * @param recipient the address; none for a user without one, who gets no mail ({@link Outbox#enqueue} drops it)
 * @param template  the name under {@code templates/mail/} (an {@code .html} and a {@code .txt} of that name)
 * @param locale    the language of the mail; the English texts are used where a language has none
 * @param subjectId whom or what the mail is about (a user id), for the record; may be null
 * @param model     what the template shows; kept with the mail after sending
 * @param secrets   what the template shows but must not outlive the sending, such as a link carrying a token;
 *                  erased once the mail is sent or given up
 */
public record Mail(String recipient, String template, Locale locale, UUID subjectId, Map<String, String> model,
                   Map<String, String> secrets) {

    public Mail {
        Objects.requireNonNull(template, "template");
        locale = locale != null ? locale : Locale.ENGLISH;
        model = model != null ? Map.copyOf(model) : Map.of();
        secrets = secrets != null ? Map.copyOf(secrets) : Map.of();
    }

    @Override
    public String toString() {
        return "Mail[template=" + template + ", subjectId=" + subjectId + "]";
    }
}
