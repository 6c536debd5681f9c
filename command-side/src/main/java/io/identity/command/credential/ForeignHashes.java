package io.identity.command.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashes made by another system, kept for users imported from it until their first sign-in re-hashes the
 * password our way. They are never made here, only checked, each by a well-kept implementation: bcrypt and
 * argon2id by Spring Security's encoders (argon2 computed by Bouncy Castle), PBKDF2-HMAC-SHA-256 by Bouncy Castle
 * over the salt and rounds the PHC string names. The password is checked as typed, in UTF-8, without our NFKC or
 * pepper: that is what the other system hashed.
 *
 * <p>How they are stored, so that they cannot be taken for ours: a bcrypt hash of the bare password reads exactly
 * like our bcrypt of the peppered pre-hash, so it is kept behind Spring's {@code {bcrypt}} marker
 * ({@code {bcrypt}$2b$10$…}); the PHC strings ({@code $argon2id$…}, {@code $pbkdf2-sha256$…}) are kept as given.
 *
 * <p>The costs a hash names are bounded at import ({@link #storedForm}), since whoever wrote the file chose them and
 * every sign-in pays them: bcrypt cost 4–16, argon2id at most 64 MiB, 10 passes and 8 lanes, PBKDF2 at most
 * 5,000,000 rounds.
 */
public final class ForeignHashes {

    /** The marker of a bcrypt hash of the bare password (Spring's {@code DelegatingPasswordEncoder} form). */
    public static final String BCRYPT_MARKER = "{bcrypt}";

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./0-9A-Za-z]{53}");
    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$(?:v=(16|19)\\$)?m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$([^$]+)\\$([^$]+)");
    /** passlib's form ({@code $pbkdf2-sha256$29000$salt$hash}, adapted base64) or the PHC one ({@code i=…}). */
    private static final Pattern PBKDF2 =
            Pattern.compile("\\$pbkdf2-sha256\\$(?:i=)?(\\d{1,9})(?:,l=\\d{1,3})?\\$([^$]+)\\$([^$]+)");

    static final int MAX_ARGON2_MEMORY_KIB = 64 * 1024;
    static final int MAX_ARGON2_PASSES = 10;
    static final int MAX_ARGON2_LANES = 8;
    static final int MAX_PBKDF2_ROUNDS = 5_000_000;

    private static final BCryptPasswordEncoder BCRYPT_CHECK = new BCryptPasswordEncoder();
    /** Its own parameters are for encoding, which it never does here: a check takes the hash's own. */
    private static final Argon2PasswordEncoder ARGON2_CHECK = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    private ForeignHashes() {}

    /**
     * The form a hash from another system is stored in, or empty when it is none of bcrypt ({@code $2a$},
     * {@code $2b$}, {@code $2y$}), argon2id or PBKDF2-SHA-256 in PHC form, or names costs beyond the bounds.
     */
    public static Optional<String> storedForm(String given) {
        if (given == null) {
            return Optional.empty();
        }
        var bcrypt = BCRYPT.matcher(given);
        if (bcrypt.matches()) {
            var cost = Integer.parseInt(bcrypt.group(1));
            return cost >= 4 && cost <= 16 ? Optional.of(BCRYPT_MARKER + given) : Optional.empty();
        }
        var argon2 = ARGON2ID.matcher(given);
        if (argon2.matches()) {
            long memory = Long.parseLong(argon2.group(2));
            long passes = Long.parseLong(argon2.group(3));
            long lanes = Long.parseLong(argon2.group(4));
            var fits = lanes >= 1
                    && lanes <= MAX_ARGON2_LANES
                    && memory >= 8 * lanes
                    && memory <= MAX_ARGON2_MEMORY_KIB
                    && passes >= 1
                    && passes <= MAX_ARGON2_PASSES
                    && decodes(argon2.group(5), 8)
                    && decodes(argon2.group(6), 16);
            return fits ? Optional.of(given) : Optional.empty();
        }
        var pbkdf2 = PBKDF2.matcher(given);
        if (pbkdf2.matches()) {
            long rounds = Long.parseLong(pbkdf2.group(1));
            var fits = rounds >= 1
                    && rounds <= MAX_PBKDF2_ROUNDS
                    && decodes(pbkdf2.group(2), 1)
                    && decodes(pbkdf2.group(3), 16)
                    && decode(pbkdf2.group(3)).length <= 64;
            return fits ? Optional.of(given) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether a stored hash is another system's (else it is ours, or none). */
    public static boolean isForeign(String stored) {
        return stored != null
                && (stored.startsWith(BCRYPT_MARKER)
                        || stored.startsWith("$argon2id$")
                        || stored.startsWith("$pbkdf2-"));
    }

    /** Whether the password as typed is the one behind a stored foreign hash; false for anything unreadable. */
    static boolean matches(String password, String stored) {
        if (stored.startsWith(BCRYPT_MARKER)) {
            return BCRYPT_CHECK.matches(password, stored.substring(BCRYPT_MARKER.length()));
        }
        if (stored.startsWith("$argon2id$")) {
            return ARGON2_CHECK.matches(password, stored);
        }
        var pbkdf2 = PBKDF2.matcher(stored);
        if (!pbkdf2.matches()) {
            return false;
        }
        var salt = decode(pbkdf2.group(2));
        var expected = decode(pbkdf2.group(3));
        var generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password.getBytes(StandardCharsets.UTF_8), salt, Integer.parseInt(pbkdf2.group(1)));
        var derived = ((KeyParameter) generator.generateDerivedMacParameters(expected.length * 8)).getKey();
        return MessageDigest.isEqual(derived, expected);
    }

    private static boolean decodes(String text, int minBytes) {
        try {
            return decode(text).length >= minBytes;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** PHC strings use base64 without padding; passlib's "adapted" base64 writes {@code .} for {@code +}. */
    private static byte[] decode(String text) {
        return Base64.getDecoder().decode(text.replace('.', '+'));
    }
}
