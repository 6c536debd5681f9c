package io.identity.command.client;

import io.identity.command.web.Responses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /oauth2/register} (RFC 7591) and {@code /oauth2/register/{clientId}} (RFC 7592): see
 * {@link ClientRegistration}. Errors are the RFCs' JSON bodies, not problem+json; no answer is cached.
 */
@RestController
class ClientRegistrationController {

    private final ClientRegistration registration;

    ClientRegistrationController(ClientRegistration registration) {
        this.registration = registration;
    }

    @PostMapping(path = "/oauth2/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        var stored = registration.register(authorization, body);
        return noStore(Responses.of(HttpStatus.CREATED, stored, stored.result()));
    }

    @GetMapping("/oauth2/register/{clientId}")
    ResponseEntity<Map<String, Object>> read(
            @PathVariable String clientId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return noStore(ResponseEntity.ok(registration.read(clientId, authorization)));
    }

    @PutMapping(path = "/oauth2/register/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> update(
            @PathVariable String clientId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        var stored = registration.update(clientId, authorization, body);
        return noStore(Responses.of(HttpStatus.OK, stored, stored.result()));
    }

    @DeleteMapping("/oauth2/register/{clientId}")
    ResponseEntity<Void> delete(
            @PathVariable String clientId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return Responses.noContent(registration.delete(clientId, authorization));
    }

    @ExceptionHandler(RegistrationError.class)
    ResponseEntity<Map<String, String>> refused(RegistrationError refusal) {
        var body = new LinkedHashMap<String, String>();
        body.put("error", refusal.error());
        body.put("error_description", refusal.getMessage());
        var answer = ResponseEntity.status(refusal.status()).cacheControl(CacheControl.noStore());
        if (refusal.status() == HttpStatus.UNAUTHORIZED.value()) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        return answer.body(body);
    }

    private static <T> ResponseEntity<T> noStore(ResponseEntity<T> response) {
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .cacheControl(CacheControl.noStore())
                .body(response.getBody());
    }
}
