package io.identity.support.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.identity.support.problem.IdentityException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Checks an access token: RS256 only (so {@code alg: none} and HS256 signed with the public key are refused),
 * the key of the published set its {@code kid} names, {@code typ} JWT or none, {@code iss} and {@code aud} exact,
 * not expired, every claim we rely on present, and neither its session ended nor its person erased.
 *
 * <p>A client sends the same access token with every request for the token's lifetime, and checking its RSA
 * signature and parsing its JSON is most of a read's CPU. So the claims of a token that passed are kept, keyed by
 * the whole token string (a token that differs in any character is checked in full), until the moment the full
 * check would refuse it for its age, and for at most as long as the published keys are cached. Whether its
 * session has ended is asked on every request.
 */
public class AccessTokenVerifier {

    public static final String AUDIENCE = "identity";

    /** The leeway on {@code exp}, {@code nbf} and {@code iat}, for clocks a little apart. */
    static final int CLOCK_SKEW_SECONDS = 5;
    /** No longer than the published keys are cached: a key withdrawn from the set stops counting as soon. */
    static final Duration LONGEST_KEPT = Duration.ofMinutes(5);

    static final int TOKENS_KEPT = 10_000;

    private final JwtParser parser;
    private final Cache<String, Passed> passed;
    private final EndedSessions endedSessions;
    private final Consumer<Caller> onVerified;

    public AccessTokenVerifier(PublishedKeys keys, String issuer, EndedSessions endedSessions) {
        this(keys, issuer, endedSessions, caller -> {});
    }

    /** @param onVerified told of every caller whose token passed, e.g. to note when a session was last used */
    public AccessTokenVerifier(
            PublishedKeys keys, String issuer, EndedSessions endedSessions, Consumer<Caller> onVerified) {
        this(keys, issuer, endedSessions, onVerified, TOKENS_KEPT);
    }

    /** @param tokensKept how many tokens that passed are kept; 0 checks every token in full */
    public AccessTokenVerifier(
            PublishedKeys keys,
            String issuer,
            EndedSessions endedSessions,
            Consumer<Caller> onVerified,
            int tokensKept) {
        // a cache of size 0 would still answer until its eviction runs, so none at all checks every token in full
        this.passed = tokensKept <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(tokensKept)
                        .expireAfter(Expiry.<String, Passed>creating((token, caller) -> caller.timeLeft()))
                        .build();
        this.endedSessions = endedSessions;
        this.onVerified = onVerified;
        // one parser for every token: it holds no state of a token, and building it looks up jjwt's services
        this.parser = Jwts.parser()
                .sig()
                .clear()
                .add(Jwts.SIG.RS256)
                .and()
                .enc()
                .clear()
                .and()
                .key()
                .clear()
                .and()
                .zip()
                .clear()
                .and()
                .keyLocator(new KeyById(keys))
                .requireIssuer(issuer)
                .requireAudience(AUDIENCE)
                .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                .build();
    }

    /** The caller an {@code Authorization: Bearer …} header speaks for; {@code 401} without a valid one. */
    public Caller verifyHeader(String authorization) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw IdentityException.unauthenticated();
        }
        return verify(authorization.substring(7).trim());
    }

    /** The caller the token speaks for; {@code 401 unauthenticated} for anything wrong with it. */
    public Caller verify(String token) {
        try {
            var entry = passed == null ? null : passed.getIfPresent(token);
            if (entry == null) {
                entry = check(token);
                if (passed != null) {
                    passed.put(token, entry);
                }
            }
            var caller = entry.caller();
            if (endedSessions.isEnded(caller.sessionId()) || endedSessions.isEnded(caller.userId())) {
                throw IdentityException.unauthenticated();
            }
            onVerified.accept(caller);
            return caller;
        } catch (IdentityException e) {
            throw e;
        } catch (Exception e) {
            throw IdentityException.unauthenticated();
        }
    }

    /** The full check: signature, type, claims. */
    private Passed check(String token) {
        var claims = parser.parseSignedClaims(token).getPayload();
        var sessionId = claims.get("sid", String.class);
        if (claims.getSubject() == null
                || sessionId == null
                || claims.getExpiration() == null
                || claims.getIssuedAt() == null
                || claims.getId() == null) {
            throw IdentityException.unauthenticated();
        }
        var caller = new Caller(
                UUID.fromString(claims.getSubject()),
                UUID.fromString(sessionId),
                claims.get("preferred_username", String.class),
                claims.get("email", String.class),
                Boolean.TRUE.equals(claims.get("email_verified", Boolean.class)),
                claims.get("amr") instanceof List<?> amr
                        ? amr.stream().map(String::valueOf).toList()
                        : List.of());
        return new Passed(caller, claims.getExpiration().toInstant().plusSeconds(CLOCK_SKEW_SECONDS));
    }

    /**
     * The published key a token's {@code kid} names, for an RS256 token of type JWT (or no type) only; a JWE, a
     * token without a {@code kid} or one naming an unknown key finds none, and is refused.
     */
    private static final class KeyById extends LocatorAdapter<Key> {

        private final PublishedKeys keys;

        KeyById(PublishedKeys keys) {
            this.keys = keys;
        }

        @Override
        protected Key locate(JwsHeader header) {
            var type = header.getType();
            if (!"RS256".equals(header.getAlgorithm())
                    || (type != null && !"JWT".equalsIgnoreCase(type))
                    || header.getKeyId() == null) {
                return null;
            }
            return keys.find(header.getKeyId());
        }
    }

    /** A token that passed the full check, and from when that check would refuse it for its age. */
    private record Passed(Caller caller, Instant refusedFrom) {

        /** How long it may stand for a full check. */
        Duration timeLeft() {
            var left = Duration.between(Instant.now(), refusedFrom);
            return left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST_KEPT) > 0 ? LONGEST_KEPT : left;
        }
    }
}
