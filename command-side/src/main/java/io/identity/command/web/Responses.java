package io.identity.command.web;

import io.identity.command.handling.Commands;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Builds command responses that carry the read-your-writes position of what they stored. */
public final class Responses {

    public static final String EVENT_POSITION = "X-Event-Position";

    private Responses() {}

    public static <B> ResponseEntity<B> of(HttpStatus status, Commands.Stored<?> stored, B body) {
        var builder = ResponseEntity.status(status);
        if (stored.position() != null) {
            builder.header(EVENT_POSITION, stored.position().toString());
        }
        return builder.body(body);
    }

    /**
     * A {@code 200} whose body holds tokens: never kept by a cache or a browser's history (RFC 6749 §5.1), whatever
     * the client asked for.
     */
    public static <B> ResponseEntity<B> tokens(Commands.Stored<? extends B> stored) {
        var builder = ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache");
        if (stored.position() != null) {
            builder.header(EVENT_POSITION, stored.position().toString());
        }
        return builder.body(stored.result());
    }

    public static ResponseEntity<Void> noContent(Commands.Stored<?> stored) {
        return of(HttpStatus.NO_CONTENT, stored, null);
    }
}
