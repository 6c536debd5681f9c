package io.identity.support.problem;

import java.util.Set;

/**
 * Requests whose bodies the {@link BodyLimitFilter} leaves unbounded: {@code POST}s to these exact paths, whose
 * handlers read the body as a stream and keep only a bounded part of it in memory at a time (an import of users).
 * Such a handler must authenticate and authorise the request before it reads a byte of the body. A side declares
 * them as a bean.
 */
public record StreamedBodies(Set<String> paths) {

    public StreamedBodies {
        paths = Set.copyOf(paths);
    }
}
