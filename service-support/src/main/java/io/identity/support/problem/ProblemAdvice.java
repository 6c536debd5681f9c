package io.identity.support.problem;

import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to problem+json with a stable code; nothing internal reaches the client. */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(IdentityException.class)
    ResponseEntity<ProblemDetail> identity(IdentityException e) {
        return Problems.response(e);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> command(CommandExecutionException e) {
        return e.getCause() instanceof IdentityException cause ? Problems.response(cause) : unexpected(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (BodyLimitFilter.isTooLarge(e)) {
            return Problems.response(
                    HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE.title());
        }
        return Problems.response(
                HttpStatus.BAD_REQUEST,
                ErrorCode.MALFORMED_REQUEST,
                "The body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return Problems.response(IdentityException.notFound());
        }
        return Problems.response(
                IdentityException.validation(List.of(new FieldViolation(e.getName(), "has an invalid value"))));
    }

    /** Query parameters bound to a record: each one that does not convert is named. */
    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> unbound(BindException e) {
        var violations = e.getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), "has an invalid value"))
                .toList();
        return Problems.response(IdentityException.validation(
                violations.isEmpty()
                        ? List.of(new FieldViolation(e.getObjectName(), "has an invalid value"))
                        : violations));
    }

    /** A path variable that converts to nothing (a UUID given as a blank) names no resource. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ProblemDetail> pathVariable(MissingPathVariableException e) {
        return e.isMissingAfterConversion() ? Problems.response(IdentityException.notFound()) : unexpected(e);
    }

    /** Tomcat refuses a query string or form whose percent-encoding is not UTF-8 when it is first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodable() {
        return Problems.response(
                HttpStatus.BAD_REQUEST, ErrorCode.MALFORMED_REQUEST, "The query string or form is not valid UTF-8.");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(
                IdentityException.validation(List.of(new FieldViolation(e.getParameterName(), "is required"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return Problems.response(
                HttpStatus.BAD_REQUEST,
                ErrorCode.MALFORMED_REQUEST,
                "The header " + e.getHeaderName() + " is required.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource() {
        return Problems.response(IdentityException.notFound());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method() {
        return Problems.response(
                HttpStatus.METHOD_NOT_ALLOWED,
                ErrorCode.MALFORMED_REQUEST,
                "The method is not allowed on this resource.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType() {
        return Problems.response(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.MALFORMED_REQUEST, "The body must be application/json.");
    }

    /**
     * Multipart resolution is switched off ({@code identity-defaults.yml}); should it be on again, a body it cannot
     * parse (no boundary, a broken part) is the client's: no endpoint takes multipart.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart() {
        return mediaType();
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable() {
        return Problems.response(
                HttpStatus.NOT_ACCEPTABLE, ErrorCode.MALFORMED_REQUEST, "No representation matches the Accept header.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound() {
        return Problems.response(IdentityException.notFound());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrency() {
        return Problems.response(HttpStatus.CONFLICT, ErrorCode.CONFLICT, ErrorCode.CONFLICT.title());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        var identity = IdentityExceptions.find(e);
        if (identity != null) {
            return Problems.response(identity);
        }
        log.error("Unhandled error", e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, ErrorCode.INTERNAL.title());
    }
}
