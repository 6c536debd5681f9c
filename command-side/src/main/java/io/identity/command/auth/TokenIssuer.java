package io.identity.command.auth;

import io.identity.command.user.Account;
import io.identity.support.auth.AccessTokenVerifier;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.RsaPrivateJwk;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Mints RS256 access tokens with the current signing key; the claims are those of the contract (§3). */
public class TokenIssuer {

    private final Supplier<RsaPrivateJwk> signingKey;
    private final Clock clock;
    private final String issuer;
    private final Duration lifetime;

    /** @param signingKey the key to sign with now ({@link SigningKeys#signingKey()}, which rotates) */
    public TokenIssuer(Supplier<RsaPrivateJwk> signingKey, Clock clock, String issuer, Duration lifetime) {
        this.signingKey = signingKey;
        this.clock = clock;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A token of a session signed in with a password alone. */
    public String issue(Account account, UUID sessionId) {
        return issue(account, sessionId, List.of("pwd"));
    }

    /** @param amr how the session was signed in (RFC 8176), its tokens' {@code amr} */
    public String issue(Account account, UUID sessionId, List<String> amr) {
        var now = clock.instant();
        var key = signingKey.get();
        // aud as one string, not an array of one, as the tokens have always had it
        return Jwts.builder()
                .header()
                .keyId(key.getId())
                .type("JWT")
                .and()
                .issuer(issuer)
                .subject(account.userId().toString())
                .audience()
                .single(AccessTokenVerifier.AUDIENCE)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .id(UUID.randomUUID().toString())
                .claim("sid", sessionId.toString())
                .claim("preferred_username", account.username())
                .claim("email", account.email())
                .claim("email_verified", account.emailVerified())
                .claim("amr", amr)
                .signWith(key.toKey(), Jwts.SIG.RS256)
                .compact();
    }
}
