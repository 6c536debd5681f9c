package io.identity.events.security;

/** Where a password was checked; the names are part of the event contract. */
public enum LoginChannel {
    /** {@code POST /api/v1/auth/login}. */
    LOGIN,
    /** {@code /oauth2/token}'s password grant. */
    TOKEN,
    /** The current password asked again before a sensitive change of a signed-in account. */
    CURRENT_PASSWORD,
    /** A second factor (an authenticator app's code, a recovery code, a passkey) after the password (§13). */
    SECOND_FACTOR
}
