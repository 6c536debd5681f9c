package io.identity.support.request;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Captures ip (the socket peer, or the forwarded address when Spring's forward-headers strategy says so, or the
 * browser's address that the console vouches for with a {@link ClientAddress} header that opens under this
 * server's key), user agent and correlation id ({@code X-Correlation-Id} when it is well-formed, else a new one,
 * echoed back).
 */
public class RequestContextFilter extends OncePerRequestFilter {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_USER_AGENT = 512;

    /** Opens the console's sealed client addresses; null where this side holds no key (they are then ignored). */
    private final ClientAddress vouched;

    public RequestContextFilter() {
        this(null);
    }

    public RequestContextFilter(ClientAddress vouched) {
        this.vouched = vouched;
    }

    /** A correlation id is not a secret: no need for SecureRandom, whose lock every request would contend on. */
    private static String newCorrelationId() {
        var random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var given = request.getHeader(CORRELATION_HEADER);
        var correlationId = given != null && SAFE_ID.matcher(given).matches() ? given : newCorrelationId();
        var userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        response.setHeader(CORRELATION_HEADER, correlationId);
        var ip = request.getRemoteAddr();
        var browser = vouched == null ? null : vouched.open(request.getHeader(ClientAddress.HEADER));
        if (browser != null) {
            ip = browser;
        }
        RequestContext.set(new RequestContext(ip, userAgent, correlationId, null));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestContext.set(null);
        }
    }
}
