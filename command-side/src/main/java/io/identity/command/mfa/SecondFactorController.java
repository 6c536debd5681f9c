package io.identity.command.mfa;

import io.identity.command.auth.TokenResponse;
import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Second factors (§13): setting up and removing the authenticator app, recovery codes, and signing in with one. */
@RestController
class SecondFactorController {

    private final SecondFactorEnrolment enrolment;
    private final SecondFactorSignIn signIn;
    private final PasskeySignIn passkeys;

    SecondFactorController(SecondFactorEnrolment enrolment, SecondFactorSignIn signIn, PasskeySignIn passkeys) {
        this.enrolment = enrolment;
        this.signIn = signIn;
        this.passkeys = passkeys;
    }

    record PasswordRequest(String currentPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[]";
        }
    }

    record CodeRequest(String code) {
        @Override
        public String toString() {
            return "CodeRequest[]";
        }
    }

    /** {@code webauthn}: an AuthenticationResponseJSON to the options of {@code /api/v1/auth/mfa/webauthn-options}. */
    record SignInRequest(String mfaToken, String totp, String recoveryCode, JsonNode webauthn) {
        @Override
        public String toString() {
            return "SignInRequest[]";
        }
    }

    @PostMapping("/api/v1/users/me/mfa/totp")
    SecondFactorEnrolment.TotpSetup startTotp(Caller caller, @RequestBody PasswordRequest request) {
        return enrolment.startTotp(caller, request.currentPassword());
    }

    @PostMapping("/api/v1/users/me/mfa/totp/confirm")
    ResponseEntity<Map<String, List<String>>> confirmTotp(Caller caller, @RequestBody CodeRequest request) {
        var stored = enrolment.confirmTotp(caller, request.code());
        return Responses.of(HttpStatus.OK, stored, Map.of("recoveryCodes", stored.result()));
    }

    @DeleteMapping("/api/v1/users/me/mfa/totp")
    ResponseEntity<Void> removeTotp(Caller caller, @RequestBody PasswordRequest request) {
        return Responses.noContent(enrolment.removeTotp(caller, request.currentPassword()));
    }

    @PostMapping("/api/v1/users/me/mfa/recovery-codes")
    ResponseEntity<Map<String, List<String>>> recoveryCodes(Caller caller, @RequestBody PasswordRequest request) {
        var stored = enrolment.regenerateRecoveryCodes(caller, request.currentPassword());
        return Responses.of(HttpStatus.OK, stored, Map.of("recoveryCodes", stored.result()));
    }

    /** Exactly one of {@code totp}, {@code recoveryCode} and {@code webauthn}. */
    @PostMapping("/api/v1/auth/mfa")
    ResponseEntity<TokenResponse> signIn(@RequestBody SignInRequest request) {
        var webauthn = request.webauthn() != null && !request.webauthn().isNull();
        var given = (request.totp() != null ? 1 : 0) + (request.recoveryCode() != null ? 1 : 0) + (webauthn ? 1 : 0);
        if (given == 1 && request.totp() != null) {
            return Responses.tokens(signIn.withTotp(request.mfaToken(), request.totp()));
        }
        if (given == 1 && request.recoveryCode() != null) {
            return Responses.tokens(signIn.withRecoveryCode(request.mfaToken(), request.recoveryCode()));
        }
        if (given == 1 && webauthn) {
            return Responses.tokens(passkeys.asSecondFactor(request.mfaToken(), request.webauthn()));
        }
        throw IdentityException.validation(
                List.of(new FieldViolation("totp", "give one of totp, recoveryCode and webauthn")));
    }
}
