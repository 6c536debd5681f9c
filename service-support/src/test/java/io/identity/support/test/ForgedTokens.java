package io.identity.support.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens an attacker or a stale client would send, made from a real access token's claims: each must be refused
 * wherever tokens are checked. The signing key is the service's own (as if it leaked into a test, to show that
 * every claim is checked, not only the signature).
 */
public final class ForgedTokens {

    private ForgedTokens() {
    }

    /** By what is wrong with each: none, HS256 keyed with the public key, wrong audience or issuer, expired, no session. */
    public static Map<String, String> from(String accessToken, RSAKey signingKey) throws ParseException, JOSEException {
        var real = SignedJWT.parse(accessToken).getJWTClaimsSet();
        var forged = new LinkedHashMap<String, String>();
        forged.put("alg none", new PlainJWT(real).serialize());
        var hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(), real);
        hs256.sign(new MACSigner(signingKey.toPublicJWK().toRSAPublicKey().getEncoded()));
        forged.put("HS256 with the public key", hs256.serialize());
        forged.put("wrong audience", sign(signingKey, new JWTClaimsSet.Builder(real).audience("someone-else").build()));
        forged.put("wrong issuer", sign(signingKey, new JWTClaimsSet.Builder(real).issuer("https://evil.example").build()));
        forged.put("expired", sign(signingKey, new JWTClaimsSet.Builder(real)
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build()));
        forged.put("no session", sign(signingKey, new JWTClaimsSet.Builder(real).claim("sid", null).build()));
        return forged;
    }

    /** The claims, properly signed: what a check must accept, next to the forged ones. */
    public static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The real token's claims, re-signed with the key. */
    public static String resigned(String accessToken, RSAKey key) throws ParseException, JOSEException {
        return sign(key, SignedJWT.parse(accessToken).getJWTClaimsSet());
    }
}
