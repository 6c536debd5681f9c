package io.identity.command.webhook;

import io.identity.command.web.FieldValidation;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and checks a webhook's fields, from a creation (every field) or a merge patch (the fields given). Every
 * broken rule is reported under its field ({@code 400 validation_failed}); a target refused for its address says
 * so under {@code url}.
 */
final class WebhookFields {

    static final int MAX_URL = 2000;
    static final int MAX_TYPES = 100;
    private static final Pattern TYPE = Pattern.compile(
            "identity\\.(user|session|security|company|invitation|privacy|client|mfa)\\.[A-Z][A-Za-z0-9]*");
    /** The areas of a company's own events and its invitations': nothing else ever reaches a company's webhook. */
    private static final Pattern COMPANY_TYPE = Pattern.compile("identity\\.(company|invitation)\\.[A-Z][A-Za-z0-9]*");

    /** What is refused at creation without a private target allowed, and again at every delivery. */
    static final String PRIVATE_TARGET = "must not be a loopback, link-local or private address";

    private WebhookFields() {}

    /** A webhook's configuration as checked. */
    record Config(String url, List<String> eventTypes, String description) {}

    /**
     * The fields of a creation, or of a patch over {@code current} (absent: unchanged; {@code description} null:
     * cleared; {@code url} and {@code eventTypes} cannot be cleared).
     */
    static Config read(Map<String, Object> body, Config current, boolean forCompany, boolean allowPrivate) {
        var input = new FieldValidation();
        var url = current != null ? current.url() : null;
        if (current == null || body.containsKey("url")) {
            url = body.get("url") instanceof String text ? input.text("url", text, 1, MAX_URL) : null;
            if (!(body.get("url") instanceof String)) {
                input.reject("url", "is required");
            } else if (url != null) {
                url = target(url, allowPrivate, input);
            }
        }
        var types = current != null ? current.eventTypes() : null;
        if (current == null || body.containsKey("eventTypes")) {
            types = eventTypes(body.get("eventTypes"), forCompany, input);
        }
        var description = current != null ? current.description() : null;
        if (current == null || body.containsKey("description")) {
            var value = body.get("description");
            if (value == null || value instanceof String) {
                description = input.text("description", (String) value, 0, 500);
            } else {
                input.reject("description", "must be a string or null");
            }
        }
        input.check();
        return new Config(url, types, description);
    }

    /** An absolute http(s) URL without credentials or fragment, whose host is not a refused address. */
    private static String target(String url, boolean allowPrivate, FieldValidation input) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            input.reject("url", "is not a valid URL");
            return null;
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            input.reject("url", "must be an http or https URL");
            return null;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            input.reject("url", "must name a host, and hold no credentials or fragment");
            return null;
        }
        if (!allowPrivate && refused(uri.getHost())) {
            input.reject("url", PRIVATE_TARGET);
            return null;
        }
        return url;
    }

    /**
     * Whether the host is, or resolves now to, a refused address. A name that does not resolve yet is let through:
     * every delivery resolves it again and refuses it then.
     */
    private static boolean refused(String host) {
        var bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost") || bare.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return true;
        }
        try {
            for (var address : InetAddress.getAllByName(bare)) {
                if (TargetAddresses.forbidden(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<String> eventTypes(Object value, boolean forCompany, FieldValidation input) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_TYPES) {
            input.reject("eventTypes", "must be a list of 1 to " + MAX_TYPES + " event types");
            return null;
        }
        var types = new LinkedHashSet<String>();
        for (var item : list) {
            if (!(item instanceof String type) || !TYPE.matcher(type).matches()) {
                input.reject("eventTypes", "must hold event types such as identity.user.UserRegistered");
                return null;
            }
            if (forCompany && !COMPANY_TYPE.matcher(type).matches()) {
                input.reject(
                        "eventTypes",
                        "a company's webhook receives only identity.company.* and " + "identity.invitation.* events");
                return null;
            }
            types.add(type);
        }
        return new ArrayList<>(types);
    }
}
