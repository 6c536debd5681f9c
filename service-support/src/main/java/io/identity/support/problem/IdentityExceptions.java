package io.identity.support.problem;

/** Finds the domain exception behind the wrappers a framework may have put around it. */
public final class IdentityExceptions {

    private IdentityExceptions() {}

    public static IdentityException find(Throwable t) {
        for (var cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IdentityException identity) {
                return identity;
            }
        }
        return null;
    }
}
