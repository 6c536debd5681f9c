package io.identity.command.mail;

import java.util.List;
import java.util.Locale;

/**
 * The languages mails are written in, and the choice among them: the user's own setting where there is one, else
 * the request's {@code Accept-Language}; English when neither names a language we have.
 */
public final class MailLocales {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private MailLocales() {}

    /** The user's chosen language where they chose one (a BCP 47 tag is a valid language range), else the request's. */
    public static Locale forUser(String chosen, String acceptLanguage) {
        return fromAcceptLanguage(chosen != null ? chosen : acceptLanguage);
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
