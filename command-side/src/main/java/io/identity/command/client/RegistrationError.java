package io.identity.command.client;

/**
 * A registration refused as RFC 7591 §3.2.2 and RFC 7592 say: {@code 400} with {@code invalid_client_metadata} or
 * {@code invalid_redirect_uri}, {@code 401 invalid_token} for a missing or wrong access token.
 */
class RegistrationError extends RuntimeException {

    private final int status;
    private final String error;

    private RegistrationError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    static RegistrationError metadata(String description) {
        return new RegistrationError(400, "invalid_client_metadata", description);
    }

    static RegistrationError redirect(String description) {
        return new RegistrationError(400, "invalid_redirect_uri", description);
    }

    /** No token, a wrong one, or one of a client that is gone: which of them is not said. */
    static RegistrationError token() {
        return new RegistrationError(401, "invalid_token", "the access token is missing, wrong or expired");
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
