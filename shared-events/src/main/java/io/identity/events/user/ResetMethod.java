package io.identity.events.user;

/** How a password was set anew without the old one; the names are part of the event contract. */
public enum ResetMethod {
    EMAIL_LINK,
    SECURITY_QUESTIONS
}
