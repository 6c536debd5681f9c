package io.identity.command.auth;

import io.identity.command.kernel.IdentitySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys and the discovery document that relying parties read. */
@RestController
class WellKnownController {

    private final SigningKeys keys;
    private final String issuer;

    WellKnownController(SigningKeys keys, IdentitySettings settings) {
        this.keys = keys;
        this.issuer = settings.publicUrl();
    }

    /** The public halves only: {@code kty}, {@code kid}, {@code use}, {@code alg}, {@code n} and {@code e} of each. */
    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(60, TimeUnit.SECONDS).cachePublic())
                .body(Map.of("keys", keys.publicKeys().getKeys()));
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = "application/json")
    Map<String, Object> discovery() {
        var document = new LinkedHashMap<String, Object>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("token_endpoint", issuer + "/oauth2/token");
        document.put("grant_types_supported", List.of("password", "refresh_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put(
                "claims_supported",
                List.of(
                        "iss",
                        "sub",
                        "aud",
                        "exp",
                        "iat",
                        "jti",
                        "sid",
                        "preferred_username",
                        "email",
                        "email_verified"));
        return document;
    }
}
