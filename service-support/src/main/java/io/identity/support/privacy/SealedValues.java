package io.identity.support.privacy;

import io.identity.support.crypto.Aead;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * One personal value sealed under its subject's data key, as stored:
 * {@code "pd1:<subject>:<base64 of nonce and AES-GCM ciphertext>"}, bound to the subject and the field's name.
 */
final class SealedValues {

    private static final String PREFIX = "pd1:";

    private final PersonalDataKeys keys;

    SealedValues(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** Whether a stored value is a sealed one (values stored before a field was protected are not). */
    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    String seal(UUID subject, String field, byte[] plain) {
        var sealed = Aead.seal(keys.keyFor(subject), plain, subject + ":" + field);
        return PREFIX + subject + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** The plaintext, or empty when the subject's key is gone. */
    Optional<byte[]> open(String stored, String field) {
        var rest = stored.substring(PREFIX.length());
        var colon = rest.indexOf(':');
        var subject = UUID.fromString(rest.substring(0, colon));
        var sealed = Base64.getDecoder().decode(rest.substring(colon + 1));
        return keys.find(subject).map(key -> Aead.open(key, sealed, subject + ":" + field));
    }
}
