package io.identity.command.user;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/email-verification} and {@code …/resend} (§2). */
@RestController
class EmailVerificationController {

    private final EmailVerifications verifications;

    EmailVerificationController(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    /** The token is taken as given: never trimmed, never logged. */
    record VerificationRequest(String token) {
        @Override
        public String toString() {
            return "VerificationRequest[]";
        }
    }

    @PostMapping("/api/v1/email-verification")
    ResponseEntity<Void> verify(@RequestBody VerificationRequest request) {
        return Responses.noContent(verifications.verify(request.token()));
    }

    /**
     * Always {@code 202}: for an address that is verified already nothing is recorded and no mail is sent, and
     * the answer does not differ, so a client needs no special case.
     */
    @PostMapping("/api/v1/email-verification/resend")
    ResponseEntity<Void> resend(
            Caller caller, @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        var stored = verifications.resend(caller.userId(), language);
        return Responses.of(HttpStatus.ACCEPTED, stored, null);
    }
}
