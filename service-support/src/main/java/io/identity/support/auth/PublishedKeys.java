package io.identity.support.auth;

import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;

/** The public keys access tokens may be signed with, by their key id ({@code kid}). */
@FunctionalInterface
public interface PublishedKeys {

    /** The RS256 key published under this id; {@code null} when there is none. */
    RSAPublicKey find(String keyId);

    /**
     * The RSA keys of a JWK set that may check RS256 signatures: those with an id, whose {@code use} and
     * {@code alg}, when given, are {@code sig} and {@code RS256}. Looked up in a map made once.
     */
    static PublishedKeys of(JwkSet set) {
        var byId = new HashMap<String, RSAPublicKey>();
        for (var jwk : set) {
            if (jwk instanceof RsaPublicJwk rsa
                    && rsa.getId() != null
                    && (rsa.getPublicKeyUse() == null || "sig".equals(rsa.getPublicKeyUse()))
                    && (rsa.getAlgorithm() == null || "RS256".equals(rsa.getAlgorithm()))) {
                byId.put(rsa.getId(), rsa.toKey());
            }
        }
        var keys = Map.copyOf(byId);
        return keyId -> keyId == null ? null : keys.get(keyId);
    }
}
