package io.identity.command.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: ten of ten characters (about 50 random bits each, from an alphabet without look-alikes), shown
 * as {@code xxxxx-xxxxx}; read back whatever the case, spaces and hyphens.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    static List<String> generate() {
        var codes = new ArrayList<String>();
        for (var i = 0; i < COUNT; i++) {
            var code = new StringBuilder();
            for (var j = 0; j < 10; j++) {
                if (j == 5) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The code as it is digested: lower case, without spaces or hyphens. */
    static String normal(String code) {
        return code == null ? "" : code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }
}
