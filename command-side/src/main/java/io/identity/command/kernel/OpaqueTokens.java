package io.identity.command.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque secrets handed to users (refresh tokens, link tokens): 256 random bits, base64url. Only their SHA-256
 * is ever stored; with that much entropy a fast hash is enough, and it lets a presented token be looked up.
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {}

    public static String generate() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The hash as text, for events and read models. */
    public static String hashHex(String token) {
        return HexFormat.of().formatHex(hash(token));
    }

    /** Whether {@code token} is the one whose {@link #hashHex hash} is {@code hashHex}, compared in constant time. */
    public static boolean matches(String token, String hashHex) {
        if (token == null || token.isEmpty() || hashHex == null) {
            return false;
        }
        return MessageDigest.isEqual(
                hashHex(token).getBytes(StandardCharsets.US_ASCII), hashHex.getBytes(StandardCharsets.US_ASCII));
    }
}
