package io.identity.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM under a key derived from the configured master secret; seals secrets kept in the database. */
public class MasterKey {

    private final SecretKeySpec key;

    public MasterKey(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public byte[] seal(byte[] plain, String context) {
        return Aead.seal(key, plain, context);
    }

    /**
     * A keyed digest (HMAC-SHA256, hex) of a value, for keeping rows by a value without the value itself: without
     * the master secret it cannot be reversed, even for values as few as IP addresses.
     */
    public String digest(String value, String context) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Opens what {@link #seal} made with the same context; fails if either was altered or the key differs. */
    public byte[] open(byte[] sealed, String context) {
        return Aead.open(key, sealed, context);
    }
}
