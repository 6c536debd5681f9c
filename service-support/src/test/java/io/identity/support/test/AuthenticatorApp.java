package io.identity.support.test;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app, as the tests' stand-in for a phone: the codes of a base32 key by RFC 6238 (HMAC-SHA-1, 6
 * digits, 30 s), written out here as the RFC's reference implementation computes them, independent of the
 * service's own generator.
 */
public final class AuthenticatorApp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AuthenticatorApp() {}

    /** The code the app shows for {@code base32Key} at {@code at}. */
    public static String code(String base32Key, Instant at) {
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Key), "HmacSHA1"));
            var hash = mac.doFinal(
                    ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            var offset = hash[hash.length - 1] & 0xf;
            var binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32, without padding, as the key is shown. */
    static byte[] decode(String base32) {
        var text = base32.toUpperCase(Locale.ROOT).replace("=", "");
        var out = new byte[text.length() * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        for (var c : text.toCharArray()) {
            var value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
