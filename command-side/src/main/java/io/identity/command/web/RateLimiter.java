package io.identity.command.web;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.identity.support.crypto.MasterKey;
import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import io.identity.support.request.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * One group of endpoints' per-IP limit: a token bucket per (group, address) in PostgreSQL, shared by every
 * instance (Bucket4j). Refused requests get {@code 429 rate_limited} with {@code Retry-After}, before their body
 * is even read.
 */
class RateLimiter implements HandlerInterceptor {

    private final ProxyManager<String> buckets;
    private final String group;
    private final BucketConfiguration configuration;
    private final MasterKey masterKey;

    RateLimiter(ProxyManager<String> buckets, String group, BucketConfiguration configuration, MasterKey masterKey) {
        this.buckets = buckets;
        this.group = group;
        this.configuration = configuration;
        this.masterKey = masterKey;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var refused = refusal();
        if (refused != null) {
            throw refused;
        }
        return true;
    }

    /** Takes one request from the caller's bucket: null when there was one, else the {@code 429} to answer. */
    IdentityException refusal() {
        // the bucket's row is named by a keyed digest of the address, never the address itself
        var key = group + ":" + masterKey.digest(RequestContext.current().ip(), "rate-limit");
        var probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        var wait = Duration.ofNanos(probe.getNanosToWaitForRefill()).plusMillis(999);
        return new IdentityException(ErrorCode.RATE_LIMITED, ErrorCode.RATE_LIMITED.title(), List.of(), wait);
    }
}
