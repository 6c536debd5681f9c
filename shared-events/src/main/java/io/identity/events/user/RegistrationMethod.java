package io.identity.events.user;

/** How an account was made; the names are part of the event contract. */
public enum RegistrationMethod {
    /** Registration with a password. */
    PASSWORD,
    /** Accepting an invitation as a new user. */
    INVITATION,
    /** A first sign-in through an OpenID Connect provider; the account has no password. */
    OAUTH,
    /**
     * Moved here by an operator from another system, with that system's password hash (or none), which the first
     * sign-in replaces with ours.
     */
    IMPORT
}
