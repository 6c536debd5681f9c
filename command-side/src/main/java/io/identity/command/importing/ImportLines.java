package io.identity.command.importing;

import io.identity.command.credential.ForeignHashes;
import io.identity.command.user.NewAccounts;
import io.identity.command.web.FieldValidation;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one line of an import into an account, or says what is wrong with it: the same rules as a registration
 * for username, address and display name, the hash in one of the forms {@link ForeignHashes} checks (or none).
 * Whether the username or the address is taken is for {@link UserImport} to find out.
 */
@Component
class ImportLines {

    private final JsonMapper json;
    private final Clock clock;

    ImportLines(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** A line fit to import: the account ready to register, and what the other system knew of it. */
    record Candidate(long line, NewAccounts.NewAccount account, boolean emailVerified, Instant createdAt) {
        @Override
        public String toString() {
            return "Candidate[" + line + "]";
        }
    }

    /** Either a candidate or the problem of the line. */
    record Parsed(Candidate candidate, LineProblem problem) {
        static Parsed refused(LineProblem problem) {
            return new Parsed(null, problem);
        }
    }

    Parsed parse(NdjsonLines.Line line) {
        if (line.problem() != null) {
            return Parsed.refused(line.problem());
        }
        JsonNode user;
        try {
            user = json.readTree(line.text());
        } catch (JacksonException e) {
            return Parsed.refused(LineProblem.MALFORMED_LINE);
        }
        if (user == null || !user.isObject()) {
            return Parsed.refused(LineProblem.MALFORMED_LINE);
        }
        var username = NewAccounts.normalUsername(text(user, "username"));
        if (username == null) {
            return Parsed.refused(LineProblem.INVALID_USERNAME);
        }
        var verified = user.get("emailVerified");
        var created = user.get("createdAt");
        if (!absent(verified) && !verified.isBoolean() || !absent(created) && !created.isString()) {
            return Parsed.refused(LineProblem.MALFORMED_LINE);
        }
        var fields = new FieldValidation();
        var email = fields.email("email", text(user, "email"));
        if (email == null) {
            return Parsed.refused(LineProblem.INVALID_EMAIL);
        }
        var displayName = fields.text("displayName", text(user, "displayName"), 0, 100);
        if (!fields.valid()) {
            return Parsed.refused(LineProblem.INVALID_DISPLAY_NAME);
        }
        Instant createdAt = null;
        if (!absent(created)) {
            try {
                createdAt = Instant.parse(created.asString());
            } catch (DateTimeParseException e) {
                return Parsed.refused(LineProblem.INVALID_CREATED_AT);
            }
            if (createdAt.isAfter(clock.instant())) {
                return Parsed.refused(LineProblem.INVALID_CREATED_AT);
            }
        }
        var hash = user.get("passwordHash");
        String stored = null;
        if (!absent(hash)) {
            stored = hash.isString() ? ForeignHashes.storedForm(hash.asString()).orElse(null) : null;
            if (stored == null) {
                return Parsed.refused(LineProblem.UNSUPPORTED_HASH);
            }
        }
        var account = new NewAccounts.NewAccount(
                UUID.randomUUID(), username, email, stored, displayName == null ? username : displayName);
        var candidate = new Candidate(line.number(), account, !absent(verified) && verified.asBoolean(), createdAt);
        return new Parsed(candidate, null);
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    /** A text field, or null when absent or not text (which the field's own rule then refuses). */
    private static String text(JsonNode user, String field) {
        var value = user.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
