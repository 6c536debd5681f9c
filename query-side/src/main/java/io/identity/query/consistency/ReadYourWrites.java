package io.identity.query.consistency;

import io.identity.support.auth.AccessTokenVerifier;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Honours {@code X-Min-Position}: the request is answered only once every projection has processed that
 * position, waiting at most the configured time; else {@code 503 projection_lagging} with {@code Retry-After}.
 * <p>
 * A wait holds a thread, so only an authenticated request may wait ({@code 401} at once otherwise), and only for a
 * position the event store has reached: one beyond its head could never be satisfied ({@code 400} at once).
 */
class ReadYourWrites implements HandlerInterceptor {

    private static final String HEADER = "X-Min-Position";
    private static final long POLL_MILLIS = 25;

    private final ProjectionProgress progress;
    private final AccessTokenVerifier verifier;
    private final LongSupplier storeHead;
    private final Duration timeout;
    /** The highest head seen: positions at or below it need no look at the store. */
    private volatile long knownHead = -1;

    ReadYourWrites(
            ProjectionProgress progress, AccessTokenVerifier verifier, LongSupplier storeHead, Duration timeout) {
        this.progress = progress;
        this.verifier = verifier;
        this.storeHead = storeHead;
        this.timeout = timeout;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        var header = request.getHeader(HEADER);
        if (header == null) {
            return true;
        }
        long position;
        try {
            position = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new IdentityException(ErrorCode.MALFORMED_REQUEST, HEADER + " must be a whole number.");
        }
        verifier.verifyHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (!reached(position)) {
            throw new IdentityException(
                    ErrorCode.MALFORMED_REQUEST,
                    HEADER + " is beyond the last event stored: no write has that position.");
        }
        var deadline = System.nanoTime() + timeout.toNanos();
        while (!progress.hasProcessed(position)) {
            if (System.nanoTime() > deadline) {
                throw new IdentityException(
                        ErrorCode.PROJECTION_LAGGING,
                        ErrorCode.PROJECTION_LAGGING.title(),
                        List.of(),
                        Duration.ofSeconds(1));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** Whether the event store holds the position: a write's position is stored before its answer is sent. */
    private boolean reached(long position) {
        if (position <= knownHead) {
            return true;
        }
        var head = storeHead.getAsLong();
        if (head > knownHead) {
            knownHead = head;
        }
        return position <= head;
    }
}
