package io.identity.command.web;

import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects the violations of one request's fields, so that every broken rule is reported at once. Text is
 * trimmed and refused when it holds control characters; passwords and tokens are never passed through here.
 */
public class FieldValidation {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    public static final int MAX_EMAIL = 254;

    private final List<FieldViolation> violations = new ArrayList<>();

    /** Trimmed text of min..max code points, or null (and a violation) when it breaks a rule. */
    public String text(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            if (min > 0) {
                violations.add(new FieldViolation(field, "is required"));
            }
            return null;
        }
        var trimmed = value.strip();
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation(field, "must not contain control characters"));
            return null;
        }
        var length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            violations.add(new FieldViolation(field, "must have " + min + " to " + max + " characters"));
            return null;
        }
        return trimmed;
    }

    public String email(String field, String value) {
        var email = text(field, value, 1, MAX_EMAIL);
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add(new FieldViolation(field, "is not a valid email address"));
            return null;
        }
        return email;
    }

    public void reject(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** Ends the request with {@code 400 validation_failed} listing every violation, if there is any. */
    public void check() {
        if (!violations.isEmpty()) {
            throw IdentityException.validation(violations);
        }
    }
}
