package io.identity.command.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * bcrypt over a peppered pre-hash: NFKC(password) → HMAC-SHA-256 with the server's pepper → base64 (44 bytes)
 * → bcrypt. Every character of a long password counts (bcrypt alone stops at 72 bytes), and a stolen table of
 * hashes is useless without the pepper. Unknown logins verify a dummy hash, so timing tells nothing.
 *
 * <p>No more hashes run at once than there are cores: a hash is pure CPU, so more at once only makes each one
 * slower and takes the cores from every other request (reads, token refreshes) meanwhile. The requests beyond that
 * wait their turn, first come first served.
 *
 * <p>A user imported from another system keeps that system's hash until their first sign-in ({@link ForeignHashes}):
 * it is checked as that system made it, and {@link #needsRehash} says it must be replaced by ours.
 */
public class PasswordHasher {

    private final byte[] pepper;
    private final int cost;
    private final BCryptPasswordEncoder bcrypt;
    private final String dummyHash;
    private final Semaphore running;
    private final LongAdder done = new LongAdder();

    public PasswordHasher(String pepper, int cost) {
        this(pepper, cost, Runtime.getRuntime().availableProcessors());
    }

    /** @param atOnce how many hashes may run at the same time */
    public PasswordHasher(String pepper, int cost, int atOnce) {
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
        this.cost = cost;
        this.bcrypt = new BCryptPasswordEncoder(cost);
        this.running = new Semaphore(atOnce, true);
        this.dummyHash = bcrypt.encode(preHash("not a password of anyone"));
    }

    public String hash(String password) {
        return inTurn(() -> bcrypt.encode(preHash(password)));
    }

    /**
     * An account without a password (made through a provider) matches nothing, and no password matches anything,
     * after the same work as a check.
     */
    public boolean matches(String password, String hash) {
        if (hash == null || password == null) {
            burn(password == null ? "" : password);
            return false;
        }
        if (ForeignHashes.isForeign(hash)) {
            return inTurn(() -> ForeignHashes.matches(password, hash));
        }
        return inTurn(() -> bcrypt.matches(preHash(password), hash));
    }

    /**
     * True when the hash is another system's (an imported user's), or ours made at another cost than the configured
     * one (raised or lowered since).
     */
    public boolean needsRehash(String hash) {
        if (ForeignHashes.isForeign(hash)) {
            return true;
        }
        // a bcrypt hash reads $2a$NN$…: NN is its cost
        return hash == null || hash.length() < 7 || !hash.startsWith(String.format("$%02d$", cost), 3);
    }

    /** Spends the time of a real check, for a login that has no account. */
    public void burn(String password) {
        inTurn(() -> bcrypt.matches(preHash(password), dummyHash));
    }

    /** How many hashes (made or checked) were done since start. */
    public long done() {
        return done.sum();
    }

    /** How many hashes wait for their turn now. */
    public int waiting() {
        return running.getQueueLength();
    }

    private <T> T inTurn(Supplier<T> work) {
        running.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            running.release();
            done.increment();
        }
    }

    static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private String preHash(String password) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            var digest = mac.doFinal(normalize(password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
