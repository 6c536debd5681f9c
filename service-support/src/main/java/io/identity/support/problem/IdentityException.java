package io.identity.support.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The one exception family of the domain: each carries a stable {@link ErrorCode}. The message is written for
 * the client and never holds internal detail.
 */
public class IdentityException extends RuntimeException {

    private final ErrorCode code;
    private final HttpStatus status;
    private final List<FieldViolation> violations;
    private final Duration retryAfter;
    private final Map<String, Object> properties;

    public IdentityException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public IdentityException(ErrorCode code, String detail, List<FieldViolation> violations, Duration retryAfter) {
        this(code, code.status(), detail, violations, retryAfter);
    }

    /**
     * For the few places where the contract answers a code with another status than its usual one, such as
     * {@code 400 invalid_token} for a spent email-verification link where refresh answers {@code 401}.
     */
    public IdentityException(ErrorCode code, HttpStatus status, String detail) {
        this(code, status, detail, List.of(), null);
    }

    private IdentityException(
            ErrorCode code, HttpStatus status, String detail, List<FieldViolation> violations, Duration retryAfter) {
        this(code, status, detail, violations, retryAfter, Map.of());
    }

    private IdentityException(
            ErrorCode code,
            HttpStatus status,
            String detail,
            List<FieldViolation> violations,
            Duration retryAfter,
            Map<String, Object> properties) {
        super(detail, null, false, false);
        this.code = code;
        this.status = status;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
        this.properties = Map.copyOf(properties);
    }

    /**
     * {@code 403 mfa_required} (§13): the password was right, and a second factor must follow, with this one-time
     * token, by one of these factors.
     */
    public static IdentityException mfaRequired(String mfaToken, List<String> factors) {
        return new IdentityException(
                ErrorCode.MFA_REQUIRED,
                ErrorCode.MFA_REQUIRED.status(),
                "Sign in with a second factor to go on.",
                List.of(),
                null,
                Map.of("mfaToken", mfaToken, "factors", List.copyOf(factors)));
    }

    /** {@code 403 mfa_required} for a session that did not use a second factor where one is required. */
    public static IdentityException secondFactorMissing() {
        return new IdentityException(ErrorCode.MFA_REQUIRED, "This needs a session signed in with a second factor.");
    }

    /** What the problem body says beyond the usual members (the {@code mfaToken} of {@code mfa_required}). */
    public Map<String, Object> properties() {
        return properties;
    }

    /**
     * A code answered with {@code 400} rather than its usual status ({@code invalid_token} for a spent link): the
     * same as the constructor with a status, for the domain code that names no HTTP type.
     */
    public static IdentityException badRequest(ErrorCode code, String detail) {
        return new IdentityException(code, HttpStatus.BAD_REQUEST, detail);
    }

    /** {@code 400 invalid_token}: an emailed link that is unknown, expired, replaced or spent. */
    public static IdentityException spentLink() {
        return badRequest(ErrorCode.INVALID_TOKEN, "The link is invalid, expired or already used.");
    }

    public static IdentityException notFound() {
        return new IdentityException(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.title());
    }

    public static IdentityException unauthenticated() {
        return new IdentityException(ErrorCode.UNAUTHENTICATED, ErrorCode.UNAUTHENTICATED.title());
    }

    public static IdentityException validation(List<FieldViolation> violations) {
        return new IdentityException(
                ErrorCode.VALIDATION_FAILED, ErrorCode.VALIDATION_FAILED.title(), violations, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The HTTP status to answer with: the code's own, unless overridden. */
    public HttpStatus status() {
        return status;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
