package io.identity.command.privacy;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Closing an account over HTTP (§5): see {@link AccountClosing}. */
@RestController
class AccountClosingController {

    private final AccountClosing closing;

    AccountClosingController(AccountClosing closing) {
        this.closing = closing;
    }

    record Confirmation(String currentPassword) {
        @Override
        public String toString() {
            return "Confirmation[]";
        }
    }

    @DeleteMapping("/api/v1/users/me")
    ResponseEntity<Void> deactivate(Caller caller, @RequestBody Confirmation confirmation) {
        return Responses.noContent(closing.deactivate(caller, confirmation.currentPassword()));
    }

    @PostMapping("/api/v1/users/me/erase")
    ResponseEntity<Void> erase(Caller caller, @RequestBody Confirmation confirmation) {
        return Responses.noContent(closing.erase(caller, confirmation.currentPassword()));
    }

    @PostMapping("/api/v1/admin/users/{userId}/erase")
    ResponseEntity<Void> eraseAsOperator(Caller caller, @PathVariable UUID userId) {
        return Responses.noContent(closing.eraseAsOperator(caller, userId));
    }
}
