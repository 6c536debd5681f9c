package io.identity.command.auth;

import io.identity.command.web.Responses;
import io.identity.events.security.LoginChannel;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth2/token} (RFC 6749): the password and refresh_token grants for the first-party public
 * client. Errors are RFC 6749 §5.2 bodies, not problem+json.
 */
@RestController
class OAuthTokenController {

    private final Authentication authentication;
    private final Set<String> clientIds;

    OAuthTokenController(Authentication authentication, TokenSettings settings) {
        this.authentication = authentication;
        this.clientIds = Set.copyOf(settings.clientIds());
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@RequestParam MultiValueMap<String, String> form) {
        for (var values : form.values()) {
            if (values.size() > 1) {
                return error(HttpStatus.BAD_REQUEST, "invalid_request", "parameters must not repeat");
            }
        }
        var clientId = form.getFirst("client_id");
        if (clientId != null && !clientIds.contains(clientId)) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "unknown client");
        }
        var grant = form.getFirst("grant_type");
        try {
            if ("password".equals(grant)) {
                var username = form.getFirst("username");
                var password = form.getFirst("password");
                if (username == null || password == null) {
                    return error(HttpStatus.BAD_REQUEST, "invalid_request", "username and password are required");
                }
                return Responses.tokens(authentication.login(username, password, LoginChannel.TOKEN));
            }
            if ("refresh_token".equals(grant)) {
                var refreshToken = form.getFirst("refresh_token");
                if (refreshToken == null) {
                    return error(HttpStatus.BAD_REQUEST, "invalid_request", "refresh_token is required");
                }
                return Responses.tokens(authentication.refresh(refreshToken));
            }
        } catch (IdentityException e) {
            return oauthError(e);
        }
        return grant == null
                ? error(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required")
                : error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "supported: password, refresh_token");
    }

    private static ResponseEntity<Map<String, String>> oauthError(IdentityException e) {
        if (e.code() == ErrorCode.TOO_MANY_ATTEMPTS) {
            // RFC 6749 has no word for it: the status and Retry-After say it, the error names it as §3 does
            var response = error(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", e.getMessage());
            return ResponseEntity.status(response.getStatusCode())
                    .headers(response.getHeaders())
                    .header("Retry-After", Long.toString(e.retryAfter().toSeconds()))
                    .body(response.getBody());
        }
        if (e.code() == ErrorCode.MFA_REQUIRED && e.properties().get("mfaToken") instanceof String mfaToken) {
            // §13: the password was right; the client goes on at /api/v1/auth/mfa with this token
            var response = error(HttpStatus.FORBIDDEN, "mfa_required", e.getMessage());
            var body = new LinkedHashMap<>(response.getBody());
            body.put("mfa_token", mfaToken);
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .cacheControl(CacheControl.noStore())
                    .body(body);
        }
        if (e.code() == ErrorCode.INVALID_CREDENTIALS
                || e.code() == ErrorCode.INVALID_TOKEN
                || e.code() == ErrorCode.ACCOUNT_DISABLED
                || e.code() == ErrorCode.ACCOUNT_LOCKED) {
            return error(HttpStatus.BAD_REQUEST, "invalid_grant", e.getMessage());
        }
        throw e;
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String error, String description) {
        var body = new LinkedHashMap<String, String>();
        body.put("error", error);
        body.put("error_description", description);
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }
}
