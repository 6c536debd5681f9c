package io.identity.support.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit (64 KiB by contract) with {@code 413 payload_too_large}: at once when the
 * declared length is too large, and while reading when a chunked body grows past it. A {@code POST} to one of the
 * {@link StreamedBodies} paths (exactly that path) is let through unbounded.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final ProblemWriter writer;
    private final Set<String> streamed;

    public BodyLimitFilter(long limit, ProblemWriter writer, Set<String> streamed) {
        this.limit = limit;
        this.writer = writer;
        this.streamed = Set.copyOf(streamed);
    }

    /** The raw path, not one Spring would route the same way: a path that only resembles one stays bounded. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && streamed.contains(request.getRequestURI()
                        .substring(request.getContextPath().length()));
    }

    static boolean isTooLarge(Throwable t) {
        for (var cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            writer.write(
                    response, new IdentityException(ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE.title()));
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over the limit");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
