package io.identity.command.recovery;

import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset by emailed link (§4): request it ({@link ResetRequests}), then confirm it with a new password
 * ({@link LinkReset}).
 */
@RestController
class PasswordResetController {

    private final ResetRequests requests;
    private final LinkReset reset;

    PasswordResetController(ResetRequests requests, LinkReset reset) {
        this.requests = requests;
        this.reset = reset;
    }

    record ResetRequest(String email) {}

    record Confirmation(String token, String newPassword) {
        @Override
        public String toString() {
            return "Confirmation[]";
        }
    }

    /** The same answer, in the same time, for every well-formed address: existence is never revealed. */
    @PostMapping("/api/v1/password-reset")
    ResponseEntity<Void> request(
            @RequestBody ResetRequest request,
            @RequestHeader(name = "Accept-Language", required = false) String language) {
        var input = new FieldValidation();
        var email = input.email("email", request.email());
        input.check();
        requests.submit(email, language);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/v1/password-reset/confirm")
    ResponseEntity<Void> confirm(
            @RequestBody Confirmation confirmation,
            @RequestHeader(name = "Accept-Language", required = false) String language) {
        return Responses.noContent(reset.confirm(confirmation.token(), confirmation.newPassword(), language));
    }
}
