package io.identity.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the pages show what the API answers in its own terms: a time as people read it (in UTC, which the page says),
 * a name of the API's ({@code PENDING}, {@code MemberJoined}) in words. Available to every page as {@code shown},
 * in the page's language (the names of the API stay English words); public, with its methods, because the
 * templates' expressions call them.
 */
public final class Shown {

    static final Shown INSTANCE = in(Locale.ENGLISH);

    private final DateTimeFormatter time;

    private Shown(DateTimeFormatter time) {
        this.time = time;
    }

    /** The times in the month names of {@code language}. */
    static Shown in(Locale language) {
        return new Shown(
                DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", language).withZone(ZoneOffset.UTC));
    }

    /** {@code 2026-12-07T16:43:49.123Z} as {@code 7 Dec 2026, 16:43 UTC}; anything else as it is. */
    public String time(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return time.format(Instant.parse(value.toString()));
        } catch (DateTimeParseException notATime) {
            return value.toString();
        }
    }

    /** {@code PENDING} as {@code Pending}, {@code MemberJoined} as {@code Member joined}, {@code OAUTH} as {@code Oauth}. */
    public String words(Object value) {
        if (value == null) {
            return "";
        }
        var text = value.toString();
        var spaced = text.equals(text.toUpperCase(Locale.ROOT))
                ? text.replace('_', ' ').toLowerCase(Locale.ROOT)
                : text.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
