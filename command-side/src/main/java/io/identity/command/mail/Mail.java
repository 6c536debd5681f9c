package io.identity.command.mail;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * @param mentions  whom or what else the mail names (an inviter, an invitee, an invitation whose address it shows):
 *                  the mail goes with the erasure of any of them, as with its subject's
 */
public record Mail(
        String recipient,
        String template,
        Locale locale,
        UUID subjectId,
        Map<String, String> model,
        Map<String, String> secrets,
        Set<UUID> mentions) {

    public Mail {
        Objects.requireNonNull(template, "template");
        locale = locale != null ? locale : Locale.ENGLISH;
        model = model != null ? Map.copyOf(model) : Map.of();
        secrets = secrets != null ? Map.copyOf(secrets) : Map.of();
        mentions = mentions != null
                ? mentions.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet())
                : Set.of();
    }

    /** A mail that names nobody but its subject. */
    public Mail(
            String recipient,
            String template,
            Locale locale,
            UUID subjectId,
            Map<String, String> model,
            Map<String, String> secrets) {
        this(recipient, template, locale, subjectId, model, secrets, Set.of());
    }

    /** The same mail, naming these too. */
    public Mail mentioning(UUID... others) {
        var all = new HashSet<>(mentions);
        all.addAll(Arrays.asList(others));
        return new Mail(recipient, template, locale, subjectId, model, secrets, all);
    }

    @Override
    public String toString() {
        return "Mail[template=" + template + ", subjectId=" + subjectId + "]";
    }
}
