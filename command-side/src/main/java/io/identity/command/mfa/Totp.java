package io.identity.command.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Authenticator-app codes (RFC 6238, with java-otp): HMAC-SHA-1, 6 digits, 30-second steps, a code of the step
 * before or after the current one accepted too, for clocks a little apart. Keys are 160 random bits (RFC 4226's
 * recommendation), given to the app in base32 inside an {@code otpauth://} URI.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TimeBasedOneTimePasswordGenerator CODES = new TimeBasedOneTimePasswordGenerator(STEP);

    private Totp() {}

    static byte[] newSecret() {
        var secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    static String base32(byte[] secret) {
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** {@code otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30}. */
    static String uri(String issuer, String account, byte[] secret) {
        var label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
    }

    /** The code of the step {@code at} falls in. */
    static String code(byte[] secret, Instant at) {
        try {
            return String.format(
                    "%06d", CODES.generateOneTimePassword(new SecretKeySpec(secret, CODES.getAlgorithm()), at));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
    }

    /** The step the code belongs to, among the one of {@code now} and its neighbours after {@code lastStep}. */
    static OptionalLong step(byte[] secret, String code, Instant now, long lastStep) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        var given = code.strip();
        var current = now.getEpochSecond() / STEP.toSeconds();
        for (var step = current - 1; step <= current + 1; step++) {
            if (step > lastStep
                    && MessageDigest.isEqual(
                            given.getBytes(StandardCharsets.US_ASCII),
                            code(secret, Instant.ofEpochSecond(step * STEP.toSeconds()))
                                    .getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
