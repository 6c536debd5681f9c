package io.identity.command;

import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

/** Matchers for the domain's exceptions in fixture tests. */
public final class IdentityMatchers {

    private IdentityMatchers() {}

    public static Matcher<Object> withCode(ErrorCode code) {
        return new FeatureMatcher<>(Matchers.is(code), "an identity exception with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Object actual) {
                return actual instanceof IdentityException e ? e.code() : null;
            }
        };
    }
}
