package io.identity.support.test;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.RsaPrivateJwk;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker or a stale client would send, made from a real access token's claims: each must be refused
 * wherever tokens are checked. The signing key is the service's own (as if it leaked into a test, to show that
 * every claim is checked, not only the signature).
 */
public final class ForgedTokens {

    private ForgedTokens() {}

    /**
     * By what is wrong with each: none, HS256 keyed with the public key, RS512 with the right key, a key id nobody
     * published, none at all, another key under the right id, wrong type, audience or issuer, expired, no session.
     */
    public static Map<String, String> from(String accessToken, RsaPrivateJwk signingKey) {
        var real = TokenContents.claims(accessToken);
        var kid = signingKey.getId();
        var forged = new LinkedHashMap<String, String>();
        forged.put(
                "alg none",
                Jwts.builder()
                        .header()
                        .keyId(kid)
                        .type("JWT")
                        .and()
                        .claims(real)
                        .compact());
        forged.put(
                "HS256 with the public key",
                Jwts.builder()
                        .header()
                        .keyId(kid)
                        .type("JWT")
                        .and()
                        .claims(real)
                        .signWith(
                                new SecretKeySpec(
                                        signingKey.toPublicJwk().toKey().getEncoded(), "HmacSHA256"),
                                Jwts.SIG.HS256)
                        .compact());
        forged.put(
                "RS512 with the key",
                Jwts.builder()
                        .header()
                        .keyId(kid)
                        .type("JWT")
                        .and()
                        .claims(real)
                        .signWith(signingKey.toKey(), Jwts.SIG.RS512)
                        .compact());
        forged.put(
                "unknown kid",
                Jwts.builder()
                        .header()
                        .keyId("not-" + kid)
                        .type("JWT")
                        .and()
                        .claims(real)
                        .signWith(signingKey.toKey(), Jwts.SIG.RS256)
                        .compact());
        forged.put(
                "no kid",
                Jwts.builder()
                        .header()
                        .type("JWT")
                        .and()
                        .claims(real)
                        .signWith(signingKey.toKey(), Jwts.SIG.RS256)
                        .compact());
        forged.put(
                "another key under its kid",
                Jwts.builder()
                        .header()
                        .keyId(kid)
                        .type("JWT")
                        .and()
                        .claims(real)
                        .signWith(Jwts.SIG.RS256.keyPair().build().getPrivate(), Jwts.SIG.RS256)
                        .compact());
        forged.put(
                "wrong type",
                Jwts.builder()
                        .header()
                        .keyId(kid)
                        .type("at+jwt")
                        .and()
                        .claims(real)
                        .signWith(signingKey.toKey(), Jwts.SIG.RS256)
                        .compact());
        forged.put(
                "wrong audience",
                sign(
                        signingKey,
                        Jwts.claims()
                                .add(real)
                                .audience()
                                .single("someone-else")
                                .build()));
        forged.put(
                "wrong issuer",
                sign(
                        signingKey,
                        Jwts.claims().add(real).issuer("https://evil.example").build()));
        forged.put(
                "expired",
                sign(
                        signingKey,
                        Jwts.claims()
                                .add(real)
                                .expiration(Date.from(Instant.now().minusSeconds(60)))
                                .build()));
        forged.put(
                "no session",
                sign(signingKey, Jwts.claims().add(real).add("sid", null).build()));
        return forged;
    }

    /** The claims, properly signed: what a check must accept, next to the forged ones. */
    public static String sign(RsaPrivateJwk key, Claims claims) {
        return Jwts.builder()
                .header()
                .keyId(key.getId())
                .type("JWT")
                .and()
                .claims(claims)
                .signWith(key.toKey(), Jwts.SIG.RS256)
                .compact();
    }

    /** The real token's claims, re-signed with the key. */
    public static String resigned(String accessToken, RsaPrivateJwk key) {
        return sign(key, TokenContents.claims(accessToken));
    }
}
