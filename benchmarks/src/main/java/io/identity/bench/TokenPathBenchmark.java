package io.identity.bench;

import io.identity.command.auth.TokenIssuer;
import io.identity.command.kernel.OpaqueTokens;
import io.identity.command.user.Account;
import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.auth.Caller;
import io.identity.support.auth.EndedSessions;
import io.identity.support.auth.PublishedKeys;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU of the token path, as the services run it: minting an access token (claims, RS256 signature with a
 * 2048-bit key, as {@code TokenIssuer} does), checking one (as every authenticated request does:
 * {@code AccessTokenVerifier}: in full for a token's first request, signature, claims and the in-memory list of
 * ended sessions; from what was kept for a token seen before), and making a refresh token and its stored hash
 * (the CPU part of a rotation; its database work is {@link RefreshRotationBenchmark}). Run with {@code benchmarks/run.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenPathBenchmark {

    private static final String ISSUER = "http://localhost:8081";

    private TokenIssuer issuer;
    private AccessTokenVerifier verifier;
    private AccessTokenVerifier fullVerifier;
    private Account account;
    private UUID session;
    private String token;

    @Setup
    public void setUp() {
        var key = Jwks.builder()
                .rsaKeyPair(Jwts.SIG.RS256.keyPair().build())
                .id("benchmark")
                .publicKeyUse("sig")
                .algorithm("RS256")
                .build();
        issuer = new TokenIssuer(() -> key, Clock.systemUTC(), ISSUER, Duration.ofMinutes(15));
        // not started: the list of ended sessions is read from memory per request, filled by a poller
        var ended = new EndedSessions(null, "", Duration.ofMinutes(15), Duration.ofSeconds(1));
        var keys = PublishedKeys.of(Jwks.set().add(key.toPublicJwk()).build());
        verifier = new AccessTokenVerifier(keys, ISSUER, ended);
        fullVerifier = new AccessTokenVerifier(keys, ISSUER, ended, caller -> {}, 0);
        account =
                new Account(UUID.randomUUID(), "benchmark", "benchmark@example.com", null, true, "ACTIVE", null, true);
        session = UUID.randomUUID();
        token = issuer.issue(account, session);
    }

    @Benchmark
    public String issueAccessToken() {
        return issuer.issue(account, session);
    }

    /** A token seen before: its kept check, and the ended sessions. */
    @Benchmark
    public Caller verifyAccessToken() {
        return verifier.verify(token);
    }

    /** A token's first request: signature, claims, and the ended sessions. */
    @Benchmark
    public Caller verifyAccessTokenInFull() {
        return fullVerifier.verify(token);
    }

    @Benchmark
    public String newRefreshTokenAndHash() {
        return OpaqueTokens.hashHex(OpaqueTokens.generate());
    }
}
