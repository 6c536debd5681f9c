package io.identity.support.auth;

import io.identity.support.problem.IdentityException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A company's second-factor rule (§13) in front of its endpoints, on both sides: where the company requires it and
 * the caller is a member, a session that did not use a second factor is {@code 403 mfa_required}. A request
 * without a valid token passes on to be refused as it would be anyway; a non-member learns nothing here.
 * Registered for {@code /api/v1/companies/{companyId}/**} by each side, with its own reading of the rule.
 */
public class SecondFactorRule implements HandlerInterceptor {

    private final AccessTokenVerifier verifier;
    private final BiPredicate<UUID, UUID> requiredOfMember;

    /** @param requiredOfMember whether the company (first) requires a second factor of this member (second) */
    public SecondFactorRule(AccessTokenVerifier verifier, BiPredicate<UUID, UUID> requiredOfMember) {
        this.verifier = verifier;
        this.requiredOfMember = requiredOfMember;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
                || !(variables.get("companyId") instanceof String id)) {
            return true;
        }
        UUID companyId;
        Caller caller;
        try {
            companyId = UUID.fromString(id);
            caller = verifier.verifyHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (IllegalArgumentException | IdentityException e) {
            return true;
        }
        if (!caller.usedSecondFactor() && requiredOfMember.test(companyId, caller.userId())) {
            throw IdentityException.secondFactorMissing();
        }
        return true;
    }
}
