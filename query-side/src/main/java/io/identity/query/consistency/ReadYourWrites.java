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
 */
public class ReadYourWrites implements HandlerInterceptor {

    public static final String HEADER = "X-Min-Position";
    private static final long POLL_MILLIS = 25;

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
        while (!progress.hasProcessed(position)) {
            if (System.nanoTime() > deadline) {
                throw new IdentityException(ErrorCode.PROJECTION_LAGGING, ErrorCode.PROJECTION_LAGGING.title(),
                        List.of(), Duration.ofSeconds(1));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
