package io.identity.support.auth;

import io.identity.support.request.RequestContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link Caller} parameter from {@code Authorization: Bearer …}; without a valid one, {@code 401}. */
public class CallerResolver implements HandlerMethodArgumentResolver {

    private final AccessTokenVerifier verifier;

    public CallerResolver(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        var caller = verifier.verifyHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        RequestContext.actor(caller.userId());
        return caller;
    }
}
