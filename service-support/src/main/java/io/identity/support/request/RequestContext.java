package io.identity.support.request;

import java.util.UUID;

/**
 * Who is asking and from where, for the request on this thread: recorded in the metadata of every event a
 * command stores (actor, ip, user agent, correlation id) and used for rate limits.
 */
public record RequestContext(String ip, String userAgent, String correlationId, UUID actorId) {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    /** The current request's context, or one that says the system acted when there is no request. */
    public static RequestContext current() {
        var context = CURRENT.get();
        return context != null
                ? context
                : new RequestContext(null, null, UUID.randomUUID().toString(), null);
    }

    static void set(RequestContext context) {
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
    }

    /** Runs work on another thread as part of this request: its events record the same actor and origin. */
    public static Runnable carrying(RequestContext context, Runnable work) {
        return () -> {
            var previous = CURRENT.get();
            CURRENT.set(context);
            try {
                work.run();
            } finally {
                set(previous);
            }
        };
    }

    /** Records the authenticated caller as the actor of what this request does. */
    public static void actor(UUID actorId) {
        var context = CURRENT.get();
        if (context != null) {
            CURRENT.set(new RequestContext(context.ip, context.userAgent, context.correlationId, actorId));
        }
    }
}
