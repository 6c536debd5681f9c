package io.identity.command.recovery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Questions shown for a login that has none (unknown, or not enrolled), so the answer never tells whether an
 * account exists. The same login always gets the same three, chosen by a keyed hash of the login: stable across
 * calls and instances, not predictable without the server's secret.
 */
final class DecoyQuestions {

    static final List<String> POOL = List.of(
            "What was the name of your first pet?",
            "In which city were you born?",
            "What was the name of your first school?",
            "What is your mother's maiden name?",
            "What was the make of your first car?",
            "What was your childhood nickname?",
            "In which city did your parents meet?",
            "What is the name of the street you grew up on?",
            "What was the first concert you attended?",
            "What was the name of your favourite teacher?",
            "What is your oldest sibling's middle name?",
            "What was your first job?");

    static final int COUNT = 3;

    private final byte[] key;

    DecoyQuestions(String secret) {
        this.key = ("decoy-questions:" + secret).getBytes(StandardCharsets.UTF_8);
    }

    List<String> forLogin(String normalizedLogin) {
        var digest = hmac(normalizedLogin);
        var pool = new ArrayList<>(POOL);
        var chosen = new ArrayList<String>();
        for (int i = 0; i < COUNT; i++) {
            var index = Byte.toUnsignedInt(digest[i]) % pool.size();
            chosen.add(pool.remove(index));
        }
        return List.copyOf(chosen);
    }

    private byte[] hmac(String value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
