package io.identity.support.auth;

import io.identity.support.problem.ErrorCode;
import io.identity.support.problem.IdentityException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's operators ({@code identity.operators}: user ids), who may act on any account, for instance to
 * erase one on a data-protection request. Anyone else is refused ({@code 403 forbidden}).
 * <p>
 * Ids only: a username is freed when its account is erased and may then be taken by anyone, who would become an
 * operator by registering it. Anything but a user id stops start-up, naming the value.
 */
@ConfigurationProperties("identity")
public record OperatorSettings(List<String> operators) {

    private static final Pattern USER_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public OperatorSettings {
        operators = operators != null
                ? operators.stream().map(OperatorSettings::userId).toList()
                : List.of();
    }

    public boolean includes(Caller caller) {
        return operators.contains(caller.userId().toString());
    }

    /** {@code 403 forbidden} for anyone but an operator (§1: authenticated, not allowed). */
    public void require(Caller caller) {
        if (!includes(caller)) {
            throw new IdentityException(ErrorCode.FORBIDDEN, "Only the service's operators may do this.");
        }
    }

    /** The id as {@link java.util.UUID#toString()} writes it, so that it compares with the caller's. */
    private static String userId(String value) {
        var id = value == null ? "" : value.strip();
        if (!USER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("identity.operators takes user ids only, and '" + value
                    + "' is not one: give the operator's userId (a UUID, as GET /api/v1/users/me shows it)");
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
