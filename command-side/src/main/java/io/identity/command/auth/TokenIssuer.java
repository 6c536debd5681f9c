package io.identity.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.identity.command.user.Account;
import io.identity.support.auth.AccessTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

/** Mints RS256 access tokens with the current signing key; the claims are those of the contract (§3). */
public class TokenIssuer {

    private final Supplier<RSAKey> signingKey;
    private final Clock clock;
    private final String issuer;
    private final Duration lifetime;

    /** @param signingKey the key to sign with now ({@link SigningKeys#signingKey()}, which rotates) */
    public TokenIssuer(Supplier<RSAKey> signingKey, Clock clock, String issuer, Duration lifetime) {
        this.signingKey = signingKey;
        this.clock = clock;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(Account account, UUID sessionId) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(account.userId().toString())
                .audience(AccessTokenVerifier.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", sessionId.toString())
                .claim("preferred_username", account.username())
                .claim("email", account.email())
                .claim("email_verified", account.emailVerified())
                .build();
        var key = signingKey.get();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }
}
