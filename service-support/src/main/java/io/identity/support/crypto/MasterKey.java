package io.identity.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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

    /** Opens what {@link #seal} made with the same context; fails if either was altered or the key differs. */
    public byte[] open(byte[] sealed, String context) {
        return Aead.open(key, sealed, context);
    }
}
