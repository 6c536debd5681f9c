package io.identity.support.test;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.jackson.io.JacksonDeserializer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a compact JWS says, read without checking it: for tests that look at the tokens the service hands out. */
public final class TokenContents {

    private TokenContents() {}

    /** The claims; {@code aud} read as a set also where it is one string, as a verifier reads it. */
    public static Claims claims(String token) {
        var claims = new LinkedHashMap<String, Object>(part(token, 1));
        if (claims.get("aud") instanceof String audience) {
            claims.put("aud", List.of(audience));
        }
        return Jwts.claims().add(claims).build();
    }

    public static Map<String, Object> header(String token) {
        return Map.copyOf(part(token, 0));
    }

    public static String keyId(String token) {
        return (String) header(token).get("kid");
    }

    private static Map<String, ?> part(String token, int index) {
        var json = new String(Decoders.BASE64URL.decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
        return new JacksonDeserializer<Map<String, ?>>().deserialize(new StringReader(json));
    }
}
