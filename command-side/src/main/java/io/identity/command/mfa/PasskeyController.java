package io.identity.command.mfa;

import io.identity.command.auth.TokenResponse;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys (§13): adding and removing them, the options for one as the second factor (it is given at
 * {@code /api/v1/auth/mfa}, {@link SecondFactorController}), and signing in with one alone. The options are the
 * W3C JSON forms a browser's {@code PublicKeyCredential.parse…OptionsFromJSON} takes, never cached.
 */
@RestController
class PasskeyController {

    private final PasskeyEnrolment enrolment;
    private final PasskeySignIn signIn;

    PasskeyController(PasskeyEnrolment enrolment, PasskeySignIn signIn) {
        this.enrolment = enrolment;
        this.signIn = signIn;
    }

    record PasswordRequest(String currentPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[]";
        }
    }

    record RegisterRequest(String name, JsonNode credential) {}

    record OptionsRequest(String mfaToken) {
        @Override
        public String toString() {
            return "OptionsRequest[]";
        }
    }

    record SignInRequest(String challengeId, JsonNode credential) {}

    @PostMapping("/api/v1/users/me/mfa/webauthn/registration-options")
    ResponseEntity<Map<String, Object>> registrationOptions(Caller caller, @RequestBody PasswordRequest request) {
        return options(enrolment.options(caller, request.currentPassword()));
    }

    @PostMapping("/api/v1/users/me/mfa/webauthn")
    ResponseEntity<Map<String, String>> register(Caller caller, @RequestBody RegisterRequest request) {
        var stored = enrolment.register(caller, request.name(), request.credential());
        return Responses.of(HttpStatus.CREATED, stored, Map.of("credentialId", stored.result()));
    }

    @DeleteMapping("/api/v1/users/me/mfa/webauthn/{credentialId}")
    ResponseEntity<Void> remove(
            Caller caller, @PathVariable String credentialId, @RequestBody PasswordRequest request) {
        return Responses.noContent(enrolment.remove(caller, credentialId, request.currentPassword()));
    }

    @PostMapping("/api/v1/auth/mfa/webauthn-options")
    ResponseEntity<Map<String, Object>> secondFactorOptions(@RequestBody OptionsRequest request) {
        return options(signIn.secondFactorOptions(request.mfaToken()));
    }

    @PostMapping("/api/v1/auth/webauthn/options")
    ResponseEntity<Map<String, Object>> signInOptions() {
        return options(signIn.options());
    }

    @PostMapping("/api/v1/auth/webauthn")
    ResponseEntity<TokenResponse> signIn(@RequestBody SignInRequest request) {
        return Responses.tokens(signIn.withoutPassword(request.challengeId(), request.credential()));
    }

    private static ResponseEntity<Map<String, Object>> options(Map<String, Object> options) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(options);
    }
}
