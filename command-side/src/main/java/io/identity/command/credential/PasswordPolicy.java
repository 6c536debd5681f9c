package io.identity.command.credential;

import io.identity.support.problem.FieldViolation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The password rules of the contract, applied to every password that is set: 10–128 code points after NFKC,
 * not one of the shipped common passwords (case-insensitive), not containing the username or the email's local
 * part (case-insensitive, when that part has at least 3 characters). Every broken rule is reported.
 */
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    private static final String LIST = "/passwords/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    public int commonPasswordCount() {
        return common.size();
    }

    public List<FieldViolation> check(String field, String password, String username, String email) {
        var violations = new ArrayList<FieldViolation>();
        if (password == null || password.isEmpty()) {
            violations.add(new FieldViolation(field, "is required"));
            return violations;
        }
        var normalized = PasswordHasher.normalize(password);
        var length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH) {
            violations.add(new FieldViolation(field, "must have at least " + MIN_LENGTH + " characters"));
        }
        if (length > MAX_LENGTH) {
            violations.add(new FieldViolation(field, "must have at most " + MAX_LENGTH + " characters"));
        }
        var lower = normalized.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            violations.add(new FieldViolation(field, "is too common"));
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            violations.add(new FieldViolation(field, "must not contain the username"));
        }
        var localPart = email == null || email.indexOf('@') < 0 ? null : email.substring(0, email.lastIndexOf('@'));
        if (localPart != null && localPart.length() >= 3 && lower.contains(localPart.toLowerCase(Locale.ROOT))) {
            violations.add(new FieldViolation(field, "must not contain the email address"));
        }
        return violations;
    }

    private static Set<String> load() {
        var stream = PasswordPolicy.class.getResourceAsStream(LIST);
        if (stream == null) {
            throw new IllegalStateException("missing " + LIST);
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            var set = new HashSet<String>(40_000);
            reader.lines()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(s -> set.add(s.toLowerCase(Locale.ROOT)));
            return Set.copyOf(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
