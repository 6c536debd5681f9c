package io.identity.command.kernel;

import java.text.Normalizer;
import java.util.Locale;

/** How an email address is compared and named wherever the command side keeps one. */
public final class EmailAddresses {

    private EmailAddresses() {}

    /**
     * The key under which an email is unique: NFKC, then lower case, as for usernames. None for no address (an
     * account made through a provider whose address did not count has none, and reserves none).
     */
    public static String key(String email) {
        if (email == null) {
            return null;
        }
        return Normalizer.normalize(email, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The SHA-256 (hex) of the address as normalised: how invitations are found by address, and erasures named. */
    public static String hash(String email) {
        return OpaqueTokens.hashHex(key(email));
    }
}
