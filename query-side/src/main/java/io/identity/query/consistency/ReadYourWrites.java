package io.identity.query.consistency;

import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Honours {@code X-Min-Position}: the request is answered only once every projection has processed that
 * position, waiting at most the configured time; else {@code 503 projection_lagging} with {@code Retry-After}.
 * A reader looks again after 10 ms, then a little later each time (up to 100 ms), and readers waiting at once
 * share their reads of the token store: when the projections fall behind, the waiting readers must not add to
 * the load that keeps them behind.
 */
public class ReadYourWrites implements HandlerInterceptor {

    public static final String HEADER = "X-Min-Position";
    /** The first wait between looks; each further one is half as long again, up to {@link #LONGEST_PAUSE_MILLIS}. */
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long LONGEST_PAUSE_MILLIS = 100;
    /** Readers waiting at the same time share a read of the token store made at most this long ago. */
    private static final long SHARED_READ_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);

    private final ProjectionProgress progress;
    private final Duration timeout;

    public ReadYourWrites(ProjectionProgress progress, Duration timeout) {
        this.progress = progress;
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
        var deadline = System.nanoTime() + timeout.toNanos();
        var pause = FIRST_PAUSE_MILLIS;
        while (!progress.hasProcessed(position, SHARED_READ_NANOS)) {
            if (System.nanoTime() > deadline) {
                throw new IdentityException(ErrorCode.PROJECTION_LAGGING, ErrorCode.PROJECTION_LAGGING.title(),
                        List.of(), Duration.ofSeconds(1));
            }
            Thread.sleep(pause);
            pause = Math.min(LONGEST_PAUSE_MILLIS, pause + pause / 2);
        }
        return true;
    }
}
