package io.identity.command.oauth;

/**
 * A sign-in that cannot go on, told to the application as an OAuth error on its redirect: {@code access_denied}
 * when the provider or our rules refuse the person, {@code invalid_request} when the answer that came back is
 * not one we can trust. The description is for the application's developers, never holds a secret.
 */
class OAuthFailure extends RuntimeException {

    static final String ACCESS_DENIED = "access_denied";
    static final String INVALID_REQUEST = "invalid_request";

    private final String error;

    OAuthFailure(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    static OAuthFailure denied(String description) {
        return new OAuthFailure(ACCESS_DENIED, description);
    }

    static OAuthFailure invalid(String description) {
        return new OAuthFailure(INVALID_REQUEST, description);
    }

    String error() {
        return error;
    }
}
