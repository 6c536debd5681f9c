package io.identity.command.auth;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys that relying parties read. The discovery document is the OpenID Connect provider's
 * ({@code oidc.Discovery}).
 */
@RestController
class WellKnownController {

    private final SigningKeys keys;

    WellKnownController(SigningKeys keys) {
        this.keys = keys;
    }

    /** The public halves only: {@code kty}, {@code kid}, {@code use}, {@code alg}, {@code n} and {@code e} of each. */
    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(60, TimeUnit.SECONDS).cachePublic())
                .body(Map.of("keys", keys.publicKeys().getKeys()));
    }
}
