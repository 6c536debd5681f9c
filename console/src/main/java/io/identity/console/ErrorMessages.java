package io.identity.console;

import java.util.Set;

/**
 * An {@code error} that came in a page's address (a provider's, or anyone's who crafted the link) is shown as one
 * of our own fixed messages, never as its text: a known code has its message, anything else the generic one.
 */
final class ErrorMessages {

    /** The codes a flow through a provider ends with (RFC 6749 §4.1.2.1 and our own callback's). */
    private static final Set<String> KNOWN = Set.of("access_denied", "invalid_request");

    private ErrorMessages() {}

    /** The key in {@code console/messages.properties} of the message for that flow ({@code signIn}, {@code link}). */
    static String key(String flow, String error) {
        return "error." + flow + "." + (error != null && KNOWN.contains(error) ? error : "other");
    }
}
