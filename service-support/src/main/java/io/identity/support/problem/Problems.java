package io.identity.support.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the RFC 9457 bodies of the contract: {@code type, title, status, detail, code, errors}. */
public final class Problems {

    private Problems() {}

    public static ResponseEntity<ProblemDetail> response(IdentityException e) {
        return response(e.status(), e.code(), e.getMessage(), e.violations(), e);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatusCode status, ErrorCode code, String detail) {
        return response(status, code, detail, List.of(), null);
    }

    private static ResponseEntity<ProblemDetail> response(
            HttpStatusCode status,
            ErrorCode code,
            String detail,
            List<FieldViolation> violations,
            IdentityException e) {
        var body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("urn:identity:problem:" + code.code()));
        body.setTitle(code.title());
        body.setProperty("code", code.code());
        if (code == ErrorCode.VALIDATION_FAILED || code == ErrorCode.WEAK_PASSWORD) {
            body.setProperty("errors", violations);
        }
        if (e != null) {
            e.properties().forEach(body::setProperty);
        }
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status.value() == 401) {
            headers.set(
                    HttpHeaders.WWW_AUTHENTICATE,
                    code == ErrorCode.UNAUTHENTICATED ? "Bearer" : "Bearer error=\"invalid_token\"");
        }
        if (e != null && e.retryAfter() != null) {
            headers.set(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return new ResponseEntity<>(body, headers, status);
    }
}
