package io.identity.support.auth;

import io.identity.support.problem.IdentityException;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's operators ({@code identity.operators}: user ids or usernames), who may act on any account,
 * for instance to erase one on a data-protection request. Anyone else is told nothing exists there.
 */
@ConfigurationProperties("identity")
public record Operators(List<String> operators) {

    public Operators {
        operators = operators != null ? List.copyOf(operators) : List.of();
    }

    public boolean includes(Caller caller) {
        var names = Set.copyOf(operators);
        return names.contains(caller.userId().toString()) || caller.username() != null && names.contains(caller.username());
    }

    /** {@code 404} for non-operators: operator endpoints are not advertised to anyone else. */
    public void require(Caller caller) {
        if (!includes(caller)) {
            throw IdentityException.notFound();
        }
    }
}
