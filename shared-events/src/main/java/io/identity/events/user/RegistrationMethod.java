package io.identity.events.user;

/** How an account was made; the names are part of the event contract. */
public enum RegistrationMethod {
    /** Registration with a password. */
    PASSWORD,
    /** Accepting an invitation as a new user. */
    INVITATION,
    /** A first sign-in through an OpenID Connect provider; the account has no password. */
    OAUTH
}
