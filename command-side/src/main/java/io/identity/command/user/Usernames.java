package io.identity.command.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Usernames are compared, stored and shown in one form: NFKC, lower-cased, 3–32 of {@code [a-z0-9._-]}. */
final class Usernames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9._-]{3,32}");

    private Usernames() {}

    public static String normalize(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String normalized) {
        return VALID.matcher(normalized).matches();
    }

    private static final Pattern INVALID_CHARACTERS = Pattern.compile("[^a-z0-9._-]+");

    /**
     * A valid username made from what a person is called elsewhere (a provider's preferred username, an email's
     * local part): normalised, other characters dropped, cut to leave room for a suffix, padded when too short.
     * Only a candidate: whether it is free is for the caller to find out.
     */
    public static String derive(String name) {
        var base =
                INVALID_CHARACTERS.matcher(normalize(name == null ? "" : name)).replaceAll("");
        base = base.replaceAll("^[._-]+", "");
        if (base.length() > 24) {
            base = base.substring(0, 24);
        }
        if (base.length() < 3) {
            base = base.isEmpty() ? "user" : base + "-user";
        }
        return base;
    }
}
