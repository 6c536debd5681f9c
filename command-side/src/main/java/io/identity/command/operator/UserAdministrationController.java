package io.identity.command.operator;

import io.identity.command.web.Responses;
import io.identity.support.auth.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators' actions on an account (§14): lock with a reason, unlock, end every session. */
@RestController
class UserAdministrationController {

    private final UserAdministration administration;

    UserAdministrationController(UserAdministration administration) {
        this.administration = administration;
    }

    record LockRequest(String reason) {}

    @PostMapping("/api/v1/admin/users/{userId}/lock")
    ResponseEntity<Void> lock(Caller caller, @PathVariable UUID userId, @RequestBody LockRequest request) {
        return Responses.noContent(administration.lock(caller, userId, request.reason()));
    }

    @PostMapping("/api/v1/admin/users/{userId}/unlock")
    ResponseEntity<Void> unlock(Caller caller, @PathVariable UUID userId) {
        return Responses.noContent(administration.unlock(caller, userId));
    }

    @DeleteMapping("/api/v1/admin/users/{userId}/sessions")
    ResponseEntity<Void> endSessions(Caller caller, @PathVariable UUID userId) {
        return Responses.noContent(administration.endSessions(caller, userId));
    }
}
