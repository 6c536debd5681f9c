package io.identity.events.session;

/** How a session began; the names are part of the event contract. */
public enum SignInMethod {
    /** A password, at {@code /api/v1/auth/login} or {@code /oauth2/token}. */
    PASSWORD,
    /** Through an OpenID Connect provider. */
    OAUTH,
    /** An application's sign-in through this service as an OpenID Connect provider: one session per authorization. */
    OIDC,
    /** A passkey alone, without a password ({@code /api/v1/auth/webauthn}). */
    PASSKEY,
    /** Accepting an invitation as a new user: only in sessions an earlier version started; none begins so now. */
    INVITATION
}
