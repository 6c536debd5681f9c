package io.identity.support.request;

import io.identity.support.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The browser's address, as the console (a server-side caller inside the command side's own process) vouches for
 * it to the API: sealed with AES-GCM under a key only the server holds ({@code identity.tokens.master-key}), with
 * the time it was sealed. So one console visitor's failures count against that visitor's address, not against the
 * loopback address every console call comes from, and an outside client cannot claim any address: a header that
 * does not open (forged, altered, sealed under another key), is stale or names no address is ignored.
 */
public final class ClientAddress {

    /** The request header that carries the sealed address. */
    public static final String HEADER = "X-Identity-Client-Address";
    /** How long a sealed address counts: it is made for one call, sent at once; clocks of instances may differ. */
    static final Duration FRESH = Duration.ofMinutes(1);

    private static final String CONTEXT = "client-address";
    /** An IPv4 or IPv6 literal as a servlet container gives it (with an IPv6 zone at most). */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:%_\\[\\]-]{2,64}");

    private final MasterKey key;
    private final Clock clock;

    public ClientAddress(MasterKey key) {
        this(key, Clock.systemUTC());
    }

    ClientAddress(MasterKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** The header's value for one call on behalf of the browser at {@code address}. */
    public String seal(String address) {
        var plain = address + "\n" + clock.instant().getEpochSecond();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.seal(plain.getBytes(StandardCharsets.UTF_8), CONTEXT));
    }

    /** The address the header vouches for, or null when there is none or it cannot be trusted. */
    public String open(String header) {
        if (header == null || header.isEmpty() || header.length() > 512) {
            return null;
        }
        try {
            var plain = new String(key.open(Base64.getUrlDecoder().decode(header), CONTEXT), StandardCharsets.UTF_8);
            var split = plain.lastIndexOf('\n');
            var address = plain.substring(0, split);
            var sealedAt = Long.parseLong(plain.substring(split + 1));
            var age = Math.abs(clock.instant().getEpochSecond() - sealedAt);
            return age <= FRESH.toSeconds() && ADDRESS.matcher(address).matches() ? address : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
