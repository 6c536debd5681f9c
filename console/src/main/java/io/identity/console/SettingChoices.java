package io.identity.console;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values the settings form offers as one types: every time zone id the service accepts, and the languages as
 * BCP 47 tags the service accepts (a language, or a language and a region), named in English. The API decides what
 * is valid; these lists only spare people from guessing the spelling.
 */
final class SettingChoices {

    static final List<String> TIME_ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();

    /** Each a {@code tag} with its {@code name} ({@code de-CH}, "German (Switzerland)"), by tag. */
    static final List<Map<String, String>> LANGUAGES = Arrays.stream(Locale.getAvailableLocales())
            .filter(SettingChoices::offered)
            .map(locale -> Map.of("tag", locale.toLanguageTag(), "name", locale.getDisplayName(Locale.ENGLISH)))
            .distinct()
            .sorted(Comparator.comparing(language -> language.get("tag")))
            .toList();

    private SettingChoices() {}

    /** What the command side takes as a language: a tag with a language that reads back as itself. */
    private static boolean offered(Locale locale) {
        var tag = locale.toLanguageTag();
        return !locale.getLanguage().isEmpty()
                && locale.getScript().isEmpty()
                && locale.getVariant().isEmpty()
                && !locale.hasExtensions()
                && Locale.forLanguageTag(tag).toLanguageTag().equalsIgnoreCase(tag);
    }
}
