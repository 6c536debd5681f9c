package io.identity.command.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Usernames are compared, stored and shown in one form: NFKC, lower-cased, 3–32 of {@code [a-z0-9._-]}. */
public final class Usernames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9._-]{3,32}");

    private Usernames() {
    }

    public static String normalize(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String normalized) {
        return VALID.matcher(normalized).matches();
    }
}
