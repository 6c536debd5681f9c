package io.identity.support.auth;

import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The keys another service publishes as a JWK set ({@code /.well-known/jwks.json}), fetched over HTTP and kept
 * for {@link #TIME_TO_LIVE}. Within the last {@link #REFRESH_AHEAD} of that the set is fetched again in the
 * background, so that no request waits for it; a key id it does not hold makes it fetch at once (a key rotated in
 * since), but at most twice in {@link #MIN_INTERVAL}, so that tokens naming made-up keys cannot make it hammer
 * the publisher. A failed fetch is tried once more; when that fails too, a token whose key is not at hand is
 * refused until a fetch succeeds.
 */
public class RemoteJwks implements PublishedKeys {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    /** Far more than a set of a few RSA keys takes. */
    static final int SIZE_LIMIT = 50 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI uri;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicBoolean refreshingAhead = new AtomicBoolean();
    private volatile Fetched fetched;
    /** The fetches in the current window of {@link #MIN_INTERVAL}, and when it opened (guarded by {@code this}). */
    private Instant windowOpened = Instant.MIN;

    private int fetchesInWindow;

    private record Fetched(PublishedKeys keys, Instant at) {}

    public RemoteJwks(URI uri) {
        this(uri, Clock.systemUTC(), TIMEOUT);
    }

    /** With {@code timeout} for each request (a connection's, and its answer's). */
    RemoteJwks(URI uri, Clock clock, Duration timeout) {
        this.uri = uri;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public RSAPublicKey find(String keyId) {
        var now = clock.instant();
        var current = fetched;
        var stale = current == null || !now.isBefore(current.at().plus(TIME_TO_LIVE));
        if (stale) {
            current = fetch(current);
        } else if (!now.isBefore(current.at().plus(TIME_TO_LIVE).minus(REFRESH_AHEAD))) {
            refreshAhead(current);
        }
        var key = current == null ? null : current.keys().find(keyId);
        if (key == null && keyId != null && !stale) {
            current = fetch(current);
            key = current == null ? null : current.keys().find(keyId);
        }
        return key;
    }

    private void refreshAhead(Fetched seen) {
        if (refreshingAhead.compareAndSet(false, true)) {
            var thread = new Thread(
                    () -> {
                        try {
                            fetch(seen);
                        } finally {
                            refreshingAhead.set(false);
                        }
                    },
                    "jwks-refresh");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Fetches the set, unless another thread did since {@code seen} was read or the rate allows no more; the set
     * as it then is while within its time, else null.
     */
    private synchronized Fetched fetch(Fetched seen) {
        var now = clock.instant();
        if (fetched != seen) {
            return usable(fetched, now);
        }
        if (!now.isBefore(windowOpened.plus(MIN_INTERVAL))) {
            windowOpened = now;
            fetchesInWindow = 0;
        }
        if (fetchesInWindow >= 2) {
            return usable(fetched, now);
        }
        fetchesInWindow++;
        for (var attempt = 0; attempt < 2; attempt++) {
            try {
                var keys = PublishedKeys.of(Jwks.setParser().build().parse(download()));
                fetched = new Fetched(keys, clock.instant());
                return fetched;
            } catch (IOException | RuntimeException e) {
                // tried once more, then left to the next request the rate allows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return usable(fetched, now);
    }

    private static Fetched usable(Fetched fetched, Instant now) {
        return fetched != null && now.isBefore(fetched.at().plus(TIME_TO_LIVE)) ? fetched : null;
    }

    private String download() throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("JWK set answered " + response.statusCode());
            }
            var bytes = body.readNBytes(SIZE_LIMIT + 1);
            if (bytes.length > SIZE_LIMIT) {
                throw new IOException("JWK set larger than " + SIZE_LIMIT + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
