package io.identity.command.oidc;

import io.identity.command.auth.SigningKeys;
import io.jsonwebtoken.Jwts;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs the authorization server's JWTs (id_tokens and clients' access tokens) the way our own access tokens are
 * signed: jjwt, RS256, with the signing key {@link SigningKeys} says is current, its id in the header, so that
 * every token verifies against {@code /.well-known/jwks.json}. Only RS256 is offered.
 */
class SigningKeysJwtEncoder implements JwtEncoder {

    private final SigningKeys keys;

    SigningKeysJwtEncoder(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        var header = parameters.getJwsHeader();
        if (header != null && header.getAlgorithm() != null && header.getAlgorithm() != SignatureAlgorithm.RS256) {
            throw new JwtEncodingException("only RS256 is signed here, not " + header.getAlgorithm());
        }
        var claims = new LinkedHashMap<String, Object>();
        parameters.getClaims().getClaims().forEach((name, value) -> claims.put(name, plain(value)));
        var key = keys.signingKey();
        var builder =
                Jwts.builder().header().keyId(key.getId()).type("JWT").and().claims(claims);
        String token;
        try {
            token = builder.signWith(key.toKey(), Jwts.SIG.RS256).compact();
        } catch (RuntimeException e) {
            throw new JwtEncodingException("the token could not be signed", e);
        }
        var headers = new LinkedHashMap<String, Object>();
        headers.put("alg", "RS256");
        headers.put("kid", key.getId());
        headers.put("typ", "JWT");
        var issuedAt = parameters.getClaims().getIssuedAt();
        var expiresAt = parameters.getClaims().getExpiresAt();
        return new Jwt(
                token, issuedAt, expiresAt, headers, parameters.getClaims().getClaims());
    }

    /** Instants as NumericDate (seconds), URLs as strings; collections and maps as they are. */
    private static Object plain(Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof URL url) {
            return url.toString();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(SigningKeysJwtEncoder::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        return value;
    }
}
