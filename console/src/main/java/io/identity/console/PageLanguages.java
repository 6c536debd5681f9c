package io.identity.console;

import java.util.List;
import java.util.Locale;

/**
 * The language of a page: the browser's first choice ({@code Accept-Language}) among the languages the pages are
 * translated into, else English. A region falls back to its language ({@code de-CH}: German).
 */
final class PageLanguages {

    /** The translations of {@code console/messages*.properties}; the first is the default. */
    static final List<Locale> TRANSLATED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private PageLanguages() {}

    static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
            return TRANSLATED.get(0);
        }
        try {
            var chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), TRANSLATED);
            return chosen != null ? chosen : TRANSLATED.get(0);
        } catch (IllegalArgumentException malformed) {
            return TRANSLATED.get(0);
        }
    }
}
