package io.identity.command.mail;

import java.util.List;
import java.util.Locale;

/**
 * The languages mails are written in, and the choice among them. The command side knows no language setting of
 * a user, so the request's {@code Accept-Language} decides; English when it names none we have.
 */
public final class MailLocales {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private MailLocales() {
    }

    public static Locale fromAcceptLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            var match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return match != null ? match : Locale.ENGLISH;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
