package io.identity.command.recovery;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/users/me/password}: a new password, given the current one; other sessions end. */
@RestController
class PasswordController {

    private final PasswordChange change;

    PasswordController(PasswordChange change) {
        this.change = change;
    }

    record ChangeRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangeRequest[]";
        }
    }

    @PostMapping("/api/v1/users/me/password")
    ResponseEntity<Void> change(Caller caller, @RequestBody ChangeRequest request) {
        return Responses.noContent(change.change(caller, request.currentPassword(), request.newPassword()));
    }
}
