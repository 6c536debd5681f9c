package io.identity.command.oidc;

import io.identity.command.auth.SigningKeys;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import java.security.Key;
import java.util.Date;
import java.util.LinkedHashMap;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Reads the bearer tokens the authorization server's own endpoints accept (a client's access token at the
 * UserInfo endpoint): RS256 with one of our published keys, named by {@code kid}, our issuer, unexpired. Which
 * authorization the token belongs to, and whether it still counts, the authorization server then asks its
 * authorizations.
 */
final class SigningKeysJwtDecoder implements JwtDecoder {

    private final io.jsonwebtoken.JwtParser parser;

    SigningKeysJwtDecoder(SigningKeys keys, String issuer) {
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(ProtectedHeader header) {
                        return header.getKeyId() == null ? null : keys.publicKey(header.getKeyId());
                    }
                })
                .sig()
                .clear()
                .add(Jwts.SIG.RS256)
                .and()
                .requireIssuer(issuer)
                .clockSkewSeconds(5)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (RuntimeException e) {
            throw new BadJwtException("not a token of ours", e);
        }
        var values = new LinkedHashMap<String, Object>();
        claims.forEach((name, value) -> values.put(name, value instanceof Date date ? date.toInstant() : value));
        if (claims.getIssuedAt() != null) {
            values.put("iat", claims.getIssuedAt().toInstant());
        }
        if (claims.getExpiration() != null) {
            values.put("exp", claims.getExpiration().toInstant());
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .claims(all -> all.putAll(values))
                .build();
    }
}
