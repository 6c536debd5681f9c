package io.identity.command.privacy;

import io.identity.command.web.FieldValidation;
import io.identity.command.web.Responses;
import io.identity.support.problem.IdentityException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Erasure by address (§5): ask for it with any address, confirm it with the link mailed there. */
@RestController
class AddressErasureController {

    private final AddressErasures erasures;

    AddressErasureController(AddressErasures erasures) {
        this.erasures = erasures;
    }

    record Request(String email) {}

    record Confirmation(String token) {
        @Override
        public String toString() {
            return "Confirmation[]";
        }
    }

    /** {@code 202} for every well-formed address: whether anything is held about it is told only to its mailbox. */
    @PostMapping("/api/v1/privacy/erase-address")
    ResponseEntity<Void> request(
            @RequestBody Request request, @RequestHeader(name = "Accept-Language", required = false) String language) {
        var input = new FieldValidation();
        var email = input.email("email", request.email());
        input.check();
        erasures.request(email, language);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/v1/privacy/erase-address/confirm")
    ResponseEntity<Void> confirm(@RequestBody Confirmation confirmation) {
        if (confirmation.token() == null || confirmation.token().isBlank()) {
            throw IdentityException.spentLink();
        }
        return Responses.noContent(erasures.confirm(confirmation.token()));
    }
}
