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

/**
 * {@code POST /api/v1/users/me/email}: a link goes to the new address; the account moves there when it is
 * confirmed through {@code POST /api/v1/email-verification}, if the address is still free then, and the old
 * address is told.
 */
@RestController
class EmailChangeController {

    private final EmailChange emailChange;

    EmailChangeController(EmailChange emailChange) {
        this.emailChange = emailChange;
    }

    record EmailChangeRequest(String newEmail, String currentPassword) {
        @Override
        public String toString() {
            return "EmailChangeRequest[]";
        }
    }

    @PostMapping("/api/v1/users/me/email")
    ResponseEntity<Void> change(
            Caller caller,
            @RequestBody EmailChangeRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        var stored = emailChange.request(caller, request.currentPassword(), request.newEmail(), language);
        return Responses.of(HttpStatus.ACCEPTED, stored, null);
    }
}
