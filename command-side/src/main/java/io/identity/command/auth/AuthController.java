package io.identity.command.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.identity.command.web.Responses;
import io.identity.events.security.LoginChannel;
import io.identity.events.session.SessionEndReason;
import io.identity.support.auth.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in, refresh and sign-out as JSON endpoints (§3). */
@RestController
class AuthController {

    private final Authentication authentication;

    AuthController(Authentication authentication) {
        this.authentication = authentication;
    }

    record LoginRequest(String login, String password) {
        @Override
        public String toString() {
            return "LoginRequest[]";
        }
    }

    record RefreshRequest(@JsonProperty("refresh_token") String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    @PostMapping("/api/v1/auth/login")
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest request) {
        var stored = authentication.login(request.login(), request.password(), LoginChannel.LOGIN);
        return Responses.tokens(stored);
    }

    @PostMapping("/api/v1/auth/refresh")
    ResponseEntity<TokenResponse> refresh(@RequestBody RefreshRequest request) {
        var stored = authentication.refresh(request.refreshToken());
        return Responses.tokens(stored);
    }

    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(Caller caller) {
        return Responses.noContent(authentication.end(caller.sessionId(), caller.userId(), SessionEndReason.LOGOUT));
    }

    @DeleteMapping("/api/v1/sessions/{sessionId}")
    ResponseEntity<Void> endSession(Caller caller, @PathVariable UUID sessionId) {
        return Responses.noContent(authentication.end(sessionId, caller.userId(), SessionEndReason.REVOKED));
    }
}
