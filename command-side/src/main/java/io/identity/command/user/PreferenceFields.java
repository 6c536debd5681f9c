package io.identity.command.user;

import io.identity.command.web.FieldValidation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the fields of a profile, settings or privacy merge patch: absent fields are left out, {@code null} is
 * kept (clear, or back to the default), every other value is checked and normalised; every broken rule is
 * reported under its field's name.
 */
final class PreferenceFields {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Set<String> VISIBILITIES = Set.of("PUBLIC", "COMPANY", "PRIVATE");

    private final Map<String, Object> body;
    private final FieldValidation input = new FieldValidation();
    private final Map<String, String> values = new LinkedHashMap<>();

    PreferenceFields(Map<String, Object> body) {
        this.body = body;
    }

    Map<String, String> values() {
        input.check();
        return values;
    }

    PreferenceFields text(String field, int max) {
        return field(field, raw -> input.text(field, raw, 1, max));
    }

    /** Free text that may span lines: line breaks and tabs are kept, other control characters refused. */
    PreferenceFields multiline(String field, int max) {
        return field(field, raw -> {
            var text = raw.strip();
            if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                input.reject(field, "must not contain control characters");
                return null;
            }
            if (text.isEmpty() || text.codePointCount(0, text.length()) > max) {
                input.reject(field, "must have 1 to " + max + " characters; send null to clear it");
                return null;
            }
            return text;
        });
    }

    /** Spaces are allowed for readability and dropped: {@code +44 20 7946 0958} is stored {@code +442079460958}. */
    PreferenceFields phone(String field) {
        return field(field, raw -> {
            var number = raw.replace(" ", "");
            return valid(field, number, E164.matcher(number).matches(), "must be an E.164 number such as +4930123456");
        });
    }

    PreferenceFields httpsUrl(String field) {
        return field(field, raw -> {
            var text = raw.strip();
            try {
                var uri = new URI(text);
                var ok = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && text.length() <= 2048;
                return valid(field, text, ok, "must be an https URL");
            } catch (URISyntaxException e) {
                return valid(field, text, false, "must be an https URL");
            }
        });
    }

    PreferenceFields locale(String field) {
        return field(field, raw -> {
            var locale = Locale.forLanguageTag(raw.strip());
            var ok = !locale.getLanguage().isEmpty() && locale.toLanguageTag().equalsIgnoreCase(raw.strip());
            return valid(field, ok ? locale.toLanguageTag() : raw, ok, "must be a BCP 47 language tag such as de-CH");
        });
    }

    PreferenceFields timezone(String field) {
        return field(
                field,
                raw -> valid(
                        field,
                        raw.strip(),
                        ZoneId.getAvailableZoneIds().contains(raw.strip()),
                        "must be an IANA time zone such as Europe/Berlin"));
    }

    PreferenceFields visibility(String field) {
        return required(
                field, raw -> valid(field, raw, VISIBILITIES.contains(raw), "must be PUBLIC, COMPANY or PRIVATE"));
    }

    PreferenceFields flag(String field) {
        return flag(field, field, body, false);
    }

    /** A boolean inside a nested object ({@code emailNotifications.product}); null returns it to its default. */
    PreferenceFields nestedFlags(String object, String... fields) {
        if (!body.containsKey(object)) {
            return this;
        }
        var nested = body.get(object);
        if (nested == null) {
            for (var field : fields) {
                values.put(object + "." + field, null);
            }
        } else if (nested instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            var inner = (Map<String, Object>) map;
            for (var field : fields) {
                flag(object + "." + field, field, inner, true);
            }
        } else {
            input.reject(object, "must be an object");
        }
        return this;
    }

    private PreferenceFields flag(String name, String key, Map<String, Object> source, boolean nullable) {
        if (!source.containsKey(key)) {
            return this;
        }
        var value = source.get(key);
        if (value instanceof Boolean flag) {
            values.put(name, flag.toString());
        } else if (value == null && nullable) {
            values.put(name, null);
        } else {
            input.reject(name, "must be true or false");
        }
        return this;
    }

    private PreferenceFields field(String field, Function<String, String> check) {
        if (!body.containsKey(field)) {
            return this;
        }
        var value = body.get(field);
        if (value == null) {
            values.put(field, null);
        } else if (value instanceof String text) {
            var checked = check.apply(text);
            if (checked != null) {
                values.put(field, checked);
            }
        } else {
            input.reject(field, "must be a string or null");
        }
        return this;
    }

    private PreferenceFields required(String field, Function<String, String> check) {
        if (body.containsKey(field) && body.get(field) == null) {
            input.reject(field, "cannot be cleared");
            return this;
        }
        return field(field, check);
    }

    private String valid(String field, String value, boolean ok, String message) {
        if (!ok) {
            input.reject(field, message);
            return null;
        }
        return value;
    }
}
