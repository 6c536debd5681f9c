package io.identity.command.registration;

import io.identity.command.web.Responses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/registrations}: a new account, and optionally a company it owns. */
@RestController
class RegistrationController {

    private final Registration registration;

    RegistrationController(Registration registration) {
        this.registration = registration;
    }

    record RegistrationRequest(
            String username, String email, String password, String displayName, Registration.NewCompany company) {}

    @PostMapping("/api/v1/registrations")
    ResponseEntity<Registration.Registered> register(
            @RequestBody RegistrationRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        var stored = registration.register(
                request.username(),
                request.email(),
                request.password(),
                request.displayName(),
                request.company(),
                language);
        return Responses.of(HttpStatus.CREATED, stored, stored.result());
    }
}
