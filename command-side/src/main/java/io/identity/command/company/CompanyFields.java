package io.identity.command.company;

import io.identity.command.web.FieldValidation;
import io.identity.events.company.CompanyRole;
import io.identity.support.problem.FieldViolation;
import io.identity.support.problem.IdentityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and checks the fields of company patches; every broken rule is reported under its field. */
public final class CompanyFields {

    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final int MAX_DOMAINS = 50;

    private CompanyFields() {}

    record Settings(
            CompanyRole defaultInvitationRole,
            Integer invitationExpiryDays,
            List<String> allowedEmailDomains,
            Boolean requireMfa) {}

    /** {@code name} (1–100, cannot be cleared) and {@code description} (up to 1000, null clears it). */
    static Map<String, String> details(Map<String, Object> patch) {
        var input = new FieldValidation();
        var values = new LinkedHashMap<String, String>();
        if (patch.containsKey("name")) {
            var name = patch.get("name") instanceof String text ? input.text("name", text, 1, 100) : null;
            if (!(patch.get("name") instanceof String)) {
                input.reject("name", "must be a string of 1 to 100 characters");
            }
            values.put("name", name);
        }
        if (patch.containsKey("description")) {
            var value = patch.get("description");
            if (value == null) {
                values.put("description", null);
            } else if (value instanceof String text) {
                values.put("description", input.text("description", text, 0, 1000));
            } else {
                input.reject("description", "must be a string or null");
            }
        }
        input.check();
        return values;
    }

    static Settings settings(Map<String, Object> patch) {
        var violations = new ArrayList<FieldViolation>();
        CompanyRole role = null;
        if (patch.containsKey("defaultInvitationRole")) {
            var value = patch.get("defaultInvitationRole");
            role = value instanceof String text && ("ADMIN".equals(text) || "MEMBER".equals(text))
                    ? CompanyRole.valueOf(text)
                    : null;
            if (role == null) {
                violations.add(new FieldViolation("defaultInvitationRole", "must be ADMIN or MEMBER"));
            }
        }
        Integer days = null;
        if (patch.containsKey("invitationExpiryDays")) {
            if (patch.get("invitationExpiryDays") instanceof Integer number && number >= 1 && number <= 30) {
                days = number;
            } else {
                violations.add(new FieldViolation("invitationExpiryDays", "must be a whole number from 1 to 30"));
            }
        }
        List<String> domains = null;
        if (patch.containsKey("allowedEmailDomains")) {
            domains = domains(patch.get("allowedEmailDomains"), violations);
        }
        Boolean requireMfa = null;
        if (patch.containsKey("requireMfa")) {
            if (patch.get("requireMfa") instanceof Boolean required) {
                requireMfa = required;
            } else {
                violations.add(new FieldViolation("requireMfa", "must be true or false"));
            }
        }
        if (!violations.isEmpty()) {
            throw IdentityException.validation(violations);
        }
        return new Settings(role, days, domains, requireMfa);
    }

    private static List<String> domains(Object value, List<FieldViolation> violations) {
        if (!(value instanceof List<?> list) || list.size() > MAX_DOMAINS) {
            violations.add(new FieldViolation("allowedEmailDomains", "must be a list of up to 50 domains"));
            return null;
        }
        var domains = new ArrayList<String>();
        for (int i = 0; i < list.size(); i++) {
            var domain = list.get(i) instanceof String text ? text.strip().toLowerCase(Locale.ROOT) : null;
            if (domain == null || !DOMAIN.matcher(domain).matches()) {
                violations.add(
                        new FieldViolation("allowedEmailDomains[" + i + "]", "must be a domain such as example.com"));
            } else if (!domains.contains(domain)) {
                domains.add(domain);
            }
        }
        return List.copyOf(domains);
    }

    /** A role as the contract spells it ({@code OWNER} only where allowed); else {@code 400 validation_failed}. */
    public static CompanyRole role(String field, String value, boolean ownerAllowed) {
        if (value != null) {
            for (var role : CompanyRole.values()) {
                if (role.name().equals(value) && (ownerAllowed || role != CompanyRole.OWNER)) {
                    return role;
                }
            }
        }
        throw IdentityException.validation(List.of(new FieldViolation(
                field, ownerAllowed ? "must be OWNER, ADMIN or MEMBER" : "must be ADMIN or MEMBER")));
    }
}
