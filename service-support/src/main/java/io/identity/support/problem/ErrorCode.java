package io.identity.support.problem;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The stable error codes of the HTTP contract, each with the status it is answered with. */
public enum ErrorCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "The request has invalid fields."),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request could not be read."),
    WEAK_PASSWORD(HttpStatus.BAD_REQUEST, "The password does not meet the policy."),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "The login or password is wrong."),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "The token is invalid, expired or already used."),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "A valid access token is required."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "You are not allowed to do this."),
    ACCOUNT_DISABLED(HttpStatus.FORBIDDEN, "The account is disabled."),
    ACCOUNT_LOCKED(HttpStatus.FORBIDDEN, "The account is locked; its operators can unlock it."),
    MFA_REQUIRED(HttpStatus.FORBIDDEN, "A second factor is required."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "The method is not allowed on this resource."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The content type is not supported."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "No acceptable representation."),
    USERNAME_TAKEN(HttpStatus.CONFLICT, "The username is taken."),
    EMAIL_TAKEN(HttpStatus.CONFLICT, "The email address is taken."),
    ALREADY_MEMBER(HttpStatus.CONFLICT, "The user is already a member."),
    INVITATION_PENDING(HttpStatus.CONFLICT, "An invitation is already pending for this address."),
    INVITATION_NOT_PENDING(HttpStatus.CONFLICT, "The invitation is no longer pending."),
    INVITATION_EMAIL_MISMATCH(HttpStatus.FORBIDDEN, "The invitation was sent to another address."),
    LAST_OWNER(HttpStatus.CONFLICT, "A company must keep at least one owner."),
    CONFLICT(HttpStatus.CONFLICT, "The resource was modified concurrently; retry."),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large."),
    TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts; try again later."),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; slow down."),
    REBUILD_RUNNING(HttpStatus.CONFLICT, "A rebuild of this read model is already running."),
    PROJECTION_LAGGING(HttpStatus.SERVICE_UNAVAILABLE, "The read side has not caught up yet; retry."),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The snake_case code sent to clients. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
